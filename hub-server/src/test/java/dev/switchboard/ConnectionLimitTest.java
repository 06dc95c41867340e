package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-instance connection cap: over it, 503 with a reason; under it again once a connection ends. */
class ConnectionLimitTest {

    private static final int FREE_TIER = 5;

    @Test
    void theSixthClientGetsA503AndTheFirstFiveKeepWorking() throws Exception {
        Injector injector = Guice.createInjector();
        TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector)
                .maxConnections(FREE_TIER).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            List<HubConnection> admitted = new ArrayList<>();
            for (int i = 0; i < FREE_TIER; i++) {
                admitted.add(clients.connect("/test"));
            }
            RuntimeException refused = assertThrows(RuntimeException.class, () -> clients.connect("/test"));
            assertTrue(String.valueOf(refused.getMessage()).contains("503"), refused.getMessage());

            RawUpgradeRefusal upgrade = RawUpgradeRefusal.of(URI.create("ws://localhost:" + server.port() + "/test"));
            assertEquals(503, upgrade.status);
            assertTrue(upgrade.retryAfter, "503 says when to retry");

            for (HubConnection client : admitted) {
                assertEquals(3, client.invoke(Integer.class, "add", 1, 2).timeout(10, TimeUnit.SECONDS).blockingGet());
            }
            HubConnection leaving = admitted.get(0);
            String leavingId = leaving.getConnectionId();
            leaving.stop().blockingAwait(10, TimeUnit.SECONDS);
            Await.until(() -> recorder.disconnected.contains(leavingId), "the first client's slot to be freed");
            HubConnection sixth = clients.connect("/test",
                    builder -> builder.shouldSkipNegotiate(true).withTransport(TransportEnum.WEBSOCKETS));
            assertEquals(4, sixth.invoke(Integer.class, "add", 2, 2).timeout(10, TimeUnit.SECONDS).blockingGet());
        }
    }

    @Test
    void negotiatedConnectionsHoldTheirSlotUntilTheyExpire() throws Exception {
        // Long enough for the three negotiates to come before any expiry even on a loaded machine.
        HubOptions quickExpiry = HubOptions.defaults().withDisconnectTimeout(Duration.ofSeconds(2));
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).options(quickExpiry)
                .maxConnections(2).build().start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest negotiate = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                    + "/test/negotiate?negotiateVersion=1")).timeout(Await.TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            assertEquals(200, http.send(negotiate, HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, http.send(negotiate, HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> full = http.send(negotiate, HttpResponse.BodyHandlers.ofString());
            assertEquals(503, full.statusCode());
            assertEquals("Server is at its limit of 2 connections; try again later.", full.body());
            assertEquals("5", full.headers().firstValue("Retry-After").orElseThrow());
            Await.until(() -> status(http, negotiate) == 200, "the unused connections to expire");
        }
    }

    private static int status(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a refused WebSocket upgrade answered. */
    private record RawUpgradeRefusal(int status, boolean retryAfter) {
        static RawUpgradeRefusal of(URI uri) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> RawWebSocket.connect(uri));
            HttpResponse<?> response = ((WebSocketHandshakeException) failure.getCause()).getResponse();
            return new RawUpgradeRefusal(response.statusCode(), response.headers().firstValue("Retry-After").isPresent());
        }
    }
}
