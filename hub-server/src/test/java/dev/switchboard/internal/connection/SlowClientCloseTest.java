package dev.switchboard.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubOptions;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.JsonHubProtocol;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.internal.protocol.Payload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A client that lets either bound of its outgoing queue overflow gets a Close naming that bound behind the
 * send in flight, then the transport's own close with the same reason; one that reads no more is dropped by
 * the heartbeat. Sends are held until the test completes them, as a socket that stopped draining holds them.
 */
class SlowClientCloseTest {

    private static final String RS = "\u001e";

    private final ObjectMapper mapper = JsonMappers.signalR();
    private final HeldSender sender = new HeldSender();
    private final AtomicReference<Throwable> disconnectError = new AtomicReference<>();

    private HubConnectionContext connected(HubOptions options) {
        HubConnectionContext connection = new HubConnectionContext("conn-1", "token-1", options, new NoOpHandler() {
            @Override
            public CompletionStage<Void> onDisconnected(HubConnectionContext c, Throwable error) {
                disconnectError.set(error);
                return super.onDisconnected(c, error);
            }
        }, Map.<String, HubProtocol>of("json", new JsonHubProtocol(mapper)), new HandshakeProtocol(mapper),
                Runnable::run, Runnable::run);
        assertTrue(connection.attach(sender, new ConnectionRequest("/hub", Map.of(), Map.of(), "127.0.0.1")));
        connection.receive(ByteBuffer.wrap(("{\"protocol\":\"json\",\"version\":1}" + RS)
                .getBytes(StandardCharsets.UTF_8)));
        sender.completeNext();
        assertEquals(List.of("{}" + RS), sender.sent);
        return connection;
    }

    private static Payload record(String text) {
        return new Payload((text + RS).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tooManyBytesWaitingClosesWithAReasonNamingTheByteBound() {
        HubConnectionContext connection = connected(HubOptions.defaults().withMaximumSendBufferSize(100));
        String sixty = "x".repeat(59);
        connection.send(record(sixty));
        connection.send(record(sixty));
        connection.send(record(sixty));

        String reason = "Client too slow: more than 100 bytes waiting to be sent.";
        assertClosedWith(connection, reason);
    }

    @Test
    void tooManyMessagesWaitingClosesWithAReasonNamingTheMessageBound() {
        HubConnectionContext connection = connected(HubOptions.defaults().withMaximumSendBufferMessages(3));
        for (int i = 0; i < 5; i++) {
            connection.send(record(Integer.toString(i)));
        }

        String reason = "Client too slow: more than 3 messages waiting to be sent.";
        assertClosedWith(connection, reason);
    }

    /** The first message is in flight, what queued behind it is dropped; then come the Close and the close. */
    private void assertClosedWith(HubConnectionContext connection, String reason) {
        assertEquals(2, sender.sent.size(), "only the handshake reply and the first message went out");
        sender.completeNext();
        assertEquals("{\"type\":7,\"error\":\"Connection closed with an error. " + reason
                + "\",\"allowReconnect\":true}" + RS, sender.sent.get(2), "what waited was dropped for the Close");
        assertTrue(sender.closedWith.isEmpty(), "the transport closes once the Close is written");
        sender.completeNext();
        assertEquals(List.of(reason), sender.closedWith);

        connection.send(record("late"));
        assertEquals(3, sender.sent.size(), "nothing goes out after the Close");
        connection.tick(System.nanoTime() + TimeUnit.SECONDS.toNanos(6));
        assertEquals(1, sender.aborts, "a client that never answers the close is dropped");
        assertEquals(ConnectionState.CLOSED, connection.state());
        assertEquals(reason, assertInstanceOf(IOException.class, disconnectError.get()).getMessage());
    }
}
