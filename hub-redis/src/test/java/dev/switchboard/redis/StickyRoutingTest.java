package dev.switchboard.redis;

import static com.microsoft.signalr.TransportEnum.LONG_POLLING;
import static com.microsoft.signalr.TransportEnum.WEBSOCKETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.redis.StickyServers.Route;
import dev.switchboard.testing.NodeContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two servers A and B on one Redis, behind a real nginx, with the official clients on every transport they
 * have, each client from an address of its own in {@code X-Forwarded-For}. Behind either sticky configuration,
 * by cookie or by address, clients land on both servers and hear each other's broadcasts; behind plain
 * round-robin, negotiate reaches one server and the connection the other, which does not know it, so the
 * client cannot start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StickyRoutingTest {

    private StickyServers servers;
    private String roundRobin;

    @BeforeAll
    void startTwoServersBehindNginx(@TempDir Path folder) throws Exception {
        servers = StickyServers.start(folder, Files.createDirectories(folder.resolve("site")));
        roundRobin = servers.url(Route.ROUND_ROBIN, "/sticky");
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    @ParameterizedTest(name = "JavaScript client, sticky by {0}, {1}")
    @CsvSource({
        "COOKIE, WebSockets", "COOKIE, ServerSentEvents", "COOKIE, LongPolling",
        "ADDRESS, WebSockets", "ADDRESS, ServerSentEvents", "ADDRESS, LongPolling",
    })
    void javaScriptClientsOnBothServersHearEachOther(Route by, String transport) throws Exception {
        String output = NodeContract.run("sticky-contract.mjs", servers.url(by, "/sticky"), transport, "sticky");
        assertTrue(output.matches("sticky on " + transport + ": clients on (A and B|B and A) after \\d+ starts"),
                output);
    }

    /** The official client's own message names the cause, and says to enable sticky sessions when it can. */
    @ParameterizedTest(name = "JavaScript client, round-robin, {0}")
    @CsvSource(delimiter = '|', value = {
        "WebSockets | The connection could not be found on the server",
        "ServerSentEvents | The connection could not be found on the server",
        "LongPolling | No Connection with that ID: Status code '404'",
    })
    void javaScriptClientsCannotStartBehindRoundRobin(String transport, String cause) throws Exception {
        String output = NodeContract.run("sticky-contract.mjs", roundRobin, transport, "refused");
        assertTrue(output.startsWith("refused on " + transport + ": ") && output.contains(cause), output);
    }

    /**
     * Without negotiate a WebSocket is one request, so it needs no stickiness; two clients in a row land on the
     * two servers.
     */
    @Test
    void javaScriptClientsSkippingNegotiateNeedNoStickiness() throws Exception {
        String output = NodeContract.run("sticky-contract.mjs", roundRobin, "WebSockets", "skip-negotiation");
        assertTrue(output.matches("skip-negotiation on WebSockets: clients on (A and B|B and A) after 2 starts"),
                output);
    }

    /** The Java client has no Server-Sent Events transport. */
    @ParameterizedTest(name = "Java client, sticky by {0}, {1}")
    @CsvSource({"COOKIE, WEBSOCKETS", "COOKIE, LONG_POLLING", "ADDRESS, WEBSOCKETS", "ADDRESS, LONG_POLLING"})
    void javaClientsOnBothServersHearEachOther(Route by, TransportEnum transport) throws Exception {
        List<StickyClient> started = new ArrayList<>();
        try {
            Map<String, StickyClient> pinned = StickyClient.onBothServers(servers.url(by, "/sticky"), transport,
                    started);
            StickyClient a = pinned.get("A");
            StickyClient b = pinned.get("B");
            a.send("hello from A");
            assertEquals("hello from A", b.nextMessage());
            assertEquals("hello from A", a.nextMessage());
            b.send("hello from B");
            assertEquals("hello from B", a.nextMessage());
            assertEquals("hello from B", b.nextMessage());
        } finally {
            started.forEach(StickyClient::close);
        }
    }

    @Test
    void aJavaWebSocketIsUnknownBehindRoundRobin() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> startBehindRoundRobin(WEBSOCKETS));
        assertEquals("Expected HTTP 101 response but was '404 No Connection with that ID'",
                failure.getCause().getMessage());
    }

    /** The client logs the poll's 404, and its start fails. */
    @Test
    void javaLongPollingCannotStartBehindRoundRobin() {
        assertThrows(RuntimeException.class, () -> startBehindRoundRobin(LONG_POLLING));
    }

    private void startBehindRoundRobin(TransportEnum transport) {
        HubConnectionBuilder.create(roundRobin).withTransport(transport).build().start()
                .blockingAwait(StickyClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
