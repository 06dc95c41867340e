package dev.switchboard.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubOptions;
import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.JsonHubProtocol;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.SerializedOnce;
import dev.switchboard.internal.protocol.TransferFormat;
import dev.switchboard.internal.transport.TransportListener;
import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.spi.SerializedMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Stateful reconnect inside one connection, with WebSockets that record what they are handed: the payloads kept and
 * sent again are the very instances a broadcast hands every connection, Acks drop them, a lost socket's late report
 * does not touch the resumed connection, and a connection that did not negotiate it, or shook hands with version 1,
 * keeps nothing.
 */
class ResumptionTest {

    private static final String RS = "\u001e";

    private final ObjectMapper mapper = JsonMappers.signalR();
    private final JsonHubProtocol json = new JsonHubProtocol(mapper);

    /** A WebSocket that completes every send at once and keeps the payloads it was handed, in order. */
    private static final class Socket implements TransportSender {
        final List<Payload> sent = new ArrayList<>();

        @Override
        public Transport type() {
            return Transport.WEB_SOCKETS;
        }

        @Override
        public void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
            sent.addAll(batch);
            done.accept(null);
        }

        @Override
        public void abort() {
        }

        List<String> texts() {
            return sent.stream().map(Payload::text).toList();
        }
    }

    private HubConnectionContext connection(boolean offered) {
        HubConnectionContext connection = new HubConnectionContext("conn-1", "token-1",
                HubOptions.defaults().withAllowStatefulReconnects(true), new NoOpHandler(),
                Map.<String, HubProtocol>of("json", json), new HandshakeProtocol(mapper), Runnable::run, Runnable::run);
        if (offered) {
            connection.offerStatefulReconnect();
        }
        return connection;
    }

    private static TransportListener open(HubConnectionContext connection, Socket socket, int version) {
        TransportListener listener = connection.listenerFor(socket);
        assertTrue(connection.attach(socket, new ConnectionRequest("/hub", Map.of(), Map.of(), "127.0.0.1")));
        receive(listener, "{\"protocol\":\"json\",\"version\":" + version + "}" + RS);
        assertEquals("{}" + RS, socket.sent.get(0).text());
        return listener;
    }

    private static void receive(TransportListener listener, String text) {
        listener.receive(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Payload broadcast(HubConnectionContext connection, int number) {
        SerializedMessage message = SerializedMessage.invocation("number", List.of(number));
        connection.send(message);
        return ((SerializedOnce) message).payloadFor(json);
    }

    @Test
    void theSharedPayloadsAreKeptAndSentAgainAfterTheSequence() {
        HubConnectionContext connection = connection(true);
        Socket first = new Socket();
        TransportListener firstListener = open(connection, first, 2);
        Payload one = broadcast(connection, 1);
        Payload two = broadcast(connection, 2);
        assertSame(one, first.sent.get(1));
        assertSame(two, first.sent.get(2));

        firstListener.transportClosed(new IOException("Connection reset"));
        assertEquals(ConnectionState.DISCONNECTED, connection.state());
        Payload three = broadcast(connection, 3);
        assertEquals(3, first.sent.size(), "nothing more is written to the lost socket");

        Socket second = new Socket();
        TransportListener secondListener = connection.resume(second);
        assertEquals(ConnectionState.CONNECTED, connection.state());
        assertEquals("{\"type\":9,\"sequenceId\":1}" + RS, second.sent.get(0).text());
        assertEquals(List.of(one, two, three), second.sent.subList(1, 4));
        for (int i = 1; i < 4; i++) {
            assertSame(List.of(one, two, three).get(i - 1), second.sent.get(i));
        }

        // The lost socket reporting late does not touch the resumed connection.
        firstListener.transportClosed(new IOException("late"));
        assertEquals(ConnectionState.CONNECTED, connection.state());

        // A resumed client's Sequence comes first; what comes before it is dropped.
        receive(secondListener, "{\"type\":9,\"sequenceId\":1}" + RS + "{\"type\":8,\"sequenceId\":2}" + RS);
        secondListener.transportClosed(new IOException("Connection reset"));
        Socket third = new Socket();
        connection.resume(third);
        assertEquals(List.of("{\"type\":9,\"sequenceId\":3}" + RS, three.text()), third.texts());
        assertSame(three, third.sent.get(1));
    }

    @Test
    void aCleanCloseEndsAStatefulConnectionAtOnce() {
        HubConnectionContext connection = connection(true);
        Socket socket = new Socket();
        open(connection, socket, 2).transportClosed(null);
        assertEquals(ConnectionState.CLOSED, connection.state());
        assertNull(connection.resume(new Socket()));
    }

    @Test
    void withoutNegotiatingItOrWithVersion1NothingIsKept() {
        HubConnectionContext plain = connection(false);
        Socket socket = new Socket();
        TransportListener listener = open(plain, socket, 2);
        assertSame(plain, listener, "the connection itself listens: no wrapper");
        assertNull(plain.resumption());
        listener.transportClosed(new IOException("Connection reset"));
        assertEquals(ConnectionState.CLOSED, plain.state());

        HubConnectionContext version1 = connection(true);
        TransportListener v1 = open(version1, new Socket(), 1);
        assertFalse(version1.resumption().on());
        v1.transportClosed(new IOException("Connection reset"));
        assertEquals(ConnectionState.CLOSED, version1.state());
    }
}
