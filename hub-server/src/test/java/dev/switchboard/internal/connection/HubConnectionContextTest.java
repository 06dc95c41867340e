package dev.switchboard.internal.connection;

import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.Transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubOptions;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.JsonHubProtocol;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.StreamInvocationMessage;
import dev.switchboard.internal.protocol.TransferFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A connection driven by hand: hub work runs inline, sends complete inline, time is passed to tick. */
class HubConnectionContextTest {

    private static final String RS = "\u001e";
    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RS;

    private static final class FakeSender implements TransportSender {
        final List<String> sent = new ArrayList<>();
        final List<String> closes = new ArrayList<>();

        @Override
        public void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
        Payload payload = Payload.concat(batch);
            sent.add(payload.text());
            done.accept(null);
        }

        @Override
        public Transport type() {
            return Transport.WEB_SOCKETS;
        }

        @Override
        public void abort() {
            closes.add("abort");
        }
    }

    private static final class FakeHandler implements ConnectionEvents {
        final List<String> events = new ArrayList<>();
        final List<InvocationMessage> invocations = new ArrayList<>();
        final List<ActiveStream> streams = new ArrayList<>();
        Throwable disconnectError;
        int closedCalls;
        boolean refuse;

        @Override
        public void onHandshake(HubConnectionContext connection) {
            events.add("handshake");
        }

        @Override
        public void onClosed(HubConnectionContext connection) {
            closedCalls++;
        }

        @Override
        public CompletionStage<Void> onConnected(HubConnectionContext connection) {
            events.add("connected");
            if (refuse) {
                return CompletableFuture.failedFuture(new IllegalStateException("refused"));
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> onInvocation(HubConnectionContext connection, InvocationMessage invocation,
                                                      Uploads uploads) {
            events.add("invocation " + invocation.target());
            invocations.add(invocation);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> onStreamInvocation(HubConnectionContext connection, StreamInvocationMessage m,
                                                        ActiveStream stream, Uploads uploads) {
            events.add("stream " + m.target());
            streams.add(stream);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> onDisconnected(HubConnectionContext connection, Throwable error) {
            events.add("disconnected");
            disconnectError = error;
            return CompletableFuture.completedFuture(null);
        }
    }

    private final ObjectMapper mapper = JsonMappers.signalR();
    private final HubOptions options = HubOptions.defaults();
    private final FakeSender sender = new FakeSender();
    private final FakeHandler handler = new FakeHandler();
    private final HubConnectionContext connection = new HubConnectionContext("conn-1", "token-1", options, handler,
            Map.<String, HubProtocol>of("json", new JsonHubProtocol(mapper)), new HandshakeProtocol(mapper),
            Runnable::run, Runnable::run);
    private final ConnectionRequest request = new ConnectionRequest("/hub", Map.of(), Map.of(), "127.0.0.1");

    private void receive(String text) {
        connection.receive(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void connect() {
        assertTrue(connection.attach(sender, request));
        receive(HANDSHAKE);
        assertEquals(ConnectionState.CONNECTED, connection.state());
    }

    /** The client is left to close first; the heartbeat drops the transport after the close timeout. */
    private void assertClosedByTheHeartbeat() {
        assertTrue(sender.closes.isEmpty(), "the client is given the chance to close first");
        connection.tick(later(Duration.ofSeconds(6)));
        assertEquals(List.of("abort"), sender.closes);
    }

    private static long later(Duration offset) {
        return System.nanoTime() + offset.toNanos();
    }

    @Test
    void handshakeIsAnsweredWithAnEmptyObjectAndTheHubIsConnected() {
        assertEquals(ConnectionState.NEGOTIATED, connection.state());
        assertTrue(connection.attach(sender, request));
        assertEquals(ConnectionState.HANDSHAKING, connection.state());
        receive(HANDSHAKE);
        assertEquals(List.of("{}" + RS), sender.sent);
        assertEquals(ConnectionState.CONNECTED, connection.state());
        assertEquals(List.of("handshake", "connected"), handler.events);
        assertEquals(request, connection.caller().request());
    }

    @Test
    void connectionCanBeAttachedOnlyOnce() {
        assertTrue(connection.attach(sender, request));
        assertFalse(connection.attach(new FakeSender(), request));
    }

    @Test
    void invocationInTheSameUnitAsTheHandshakeReachesTheHandler() {
        assertTrue(connection.attach(sender, request));
        receive(HANDSHAKE + "{\"type\":6}" + RS + "{\"type\":1,\"invocationId\":\"0\",\"target\":\"Add\","
                + "\"arguments\":[40,2]}" + RS);
        assertEquals(List.of("{}" + RS), sender.sent);
        assertEquals(List.of("handshake", "connected", "invocation Add"), handler.events);
        InvocationMessage invocation = handler.invocations.get(0);
        assertEquals("0", invocation.invocationId());
        assertEquals(40, ((JsonNode) invocation.arguments().get(0)).intValue());
    }

    @Test
    void handshakeAndRecordsSplitAcrossUnitsAreReassembled() {
        assertTrue(connection.attach(sender, request));
        receive(HANDSHAKE.substring(0, 10));
        assertTrue(sender.sent.isEmpty());
        receive(HANDSHAKE.substring(10) + "{\"type\":4,\"invocationId\":\"1\",\"tar");
        receive("get\":\"Counter\",\"arguments\":[]}" + RS);
        assertEquals(List.of("{}" + RS), sender.sent);
        assertEquals(List.of("handshake", "connected", "stream Counter"), handler.events);
    }

    @Test
    void unknownProtocolGetsAHandshakeErrorAndTheTransportIsClosed() {
        assertTrue(connection.attach(sender, request));
        receive("{\"protocol\":\"xyz\",\"version\":1}" + RS);
        assertEquals(List.of("{\"error\":\"The protocol 'xyz' is not supported.\"}" + RS), sender.sent);
        assertClosedByTheHeartbeat();
        assertTrue(handler.events.isEmpty());

        receive(HANDSHAKE);
        assertEquals(1, sender.sent.size(), "input after a failed handshake is ignored");
    }

    @Test
    void unsupportedVersionGetsAHandshakeError() {
        assertTrue(connection.attach(sender, request));
        receive("{\"protocol\":\"json\",\"version\":3}" + RS);
        assertEquals(List.of("{\"error\":\"The server does not support version 3 of the 'json' protocol.\"}" + RS),
                sender.sent);
    }

    @Test
    void malformedHandshakeGetsAHandshakeError() {
        assertTrue(connection.attach(sender, request));
        receive("{\"protocol\":\"json\"}" + RS);
        assertEquals(1, sender.sent.size());
        assertTrue(sender.sent.get(0).startsWith(
                "{\"error\":\"An unexpected error occurred during connection handshake."), sender.sent.get(0));
        assertClosedByTheHeartbeat();
    }

    @Test
    void handshakeThatNeverArrivesIsCanceledOnTick() {
        assertTrue(connection.attach(sender, request));
        assertTrue(connection.tick(later(Duration.ofSeconds(16))));
        assertEquals(List.of("{\"error\":\"Handshake was canceled.\"}" + RS), sender.sent);
        assertClosedByTheHeartbeat();
    }

    @Test
    void silentClientIsClosedWithACloseMessageThatAllowsReconnect() {
        connect();
        receive("{\"type\":6}" + RS);
        assertTrue(connection.tick(later(Duration.ofSeconds(31))));
        assertEquals(List.of("{}" + RS, "{\"type\":7,\"error\":\"Server closed the connection: nothing received "
                + "from the client for 30000 ms.\",\"allowReconnect\":true}" + RS), sender.sent);
        assertClosedByTheHeartbeat();

        connection.transportClosed(null);
        assertEquals(List.of("handshake", "connected", "disconnected"), handler.events);
        assertInstanceOf(TimeoutException.class, handler.disconnectError);
        assertEquals(ConnectionState.CLOSED, connection.state());
        assertFalse(connection.tick(later(Duration.ofSeconds(60))));
    }

    @Test
    void idleConnectionGetsAPingOnTick() {
        connect();
        connection.tick(later(Duration.ofSeconds(20)));
        assertEquals(List.of("{}" + RS, "{\"type\":6}" + RS), sender.sent);
        assertTrue(sender.closes.isEmpty());
    }

    /** A second connection, attached, whose hub work waits in {@code hubWork} until the test runs it. */
    private HubConnectionContext attachedWithHeldHubWork(List<Runnable> hubWork) {
        HubConnectionContext held = new HubConnectionContext("conn-2", "token-2", options, handler,
                Map.<String, HubProtocol>of("json", new JsonHubProtocol(mapper)), new HandshakeProtocol(mapper),
                hubWork::add, Runnable::run);
        assertTrue(held.attach(sender, request));
        return held;
    }

    @Test
    void noPingIsDueBeforeTheHandshakeReplyHasLeft() {
        List<Runnable> hubWork = new ArrayList<>();
        HubConnectionContext held = attachedWithHeldHubWork(hubWork);
        held.receive(ByteBuffer.wrap(HANDSHAKE.getBytes(StandardCharsets.UTF_8)));
        held.tick(System.nanoTime());
        hubWork.remove(0).run();
        assertEquals(List.of("{}" + RS), sender.sent, "the reply alone, with no Ping batched behind it");
    }

    @Test
    void badHubInputClosesWithAnError() {
        connect();
        receive("{\"type\":1,\"arguments\":[]}" + RS);
        assertEquals("{\"type\":7,\"error\":\"Connection closed with an error. Missing required property "
                + "'target'.\",\"allowReconnect\":true}" + RS, sender.sent.get(1));
        assertClosedByTheHeartbeat();
    }

    @Test
    void clientCloseIsAnsweredWithCloseAndTheTransportEnds() {
        connect();
        receive("{\"type\":7}" + RS);
        assertEquals(List.of("{}" + RS, "{\"type\":7}" + RS), sender.sent);
        assertClosedByTheHeartbeat();
    }

    @Test
    void negotiatedConnectionNeverAttachedExpiresOnTick() {
        AtomicInteger ended = new AtomicInteger();
        connection.onEnded(ended::incrementAndGet);
        assertTrue(connection.tick(System.nanoTime()));
        assertEquals(0, ended.get());

        assertFalse(connection.tick(later(Duration.ofSeconds(16))));
        assertEquals(1, ended.get());
        assertEquals(ConnectionState.CLOSED, connection.state());
        assertFalse(connection.attach(sender, request));
        assertTrue(handler.events.isEmpty(), "the hub never saw the connection");
    }

    @Test
    void aCloseBeforeTheConnectionIsRegisteredStillFollowsTheHandshakeReply() {
        List<Runnable> hubWork = new ArrayList<>();
        HubConnectionContext held = attachedWithHeldHubWork(hubWork);
        held.receive(ByteBuffer.wrap(HANDSHAKE.getBytes(StandardCharsets.UTF_8)));
        held.close(new CloseMessage("going away", true), null);
        assertTrue(sender.sent.isEmpty(), "nothing leaves before the connection is registered");

        hubWork.remove(0).run();
        assertEquals(List.of("{}" + RS + "{\"type\":7,\"error\":\"going away\",\"allowReconnect\":true}" + RS),
                sender.sent, "one unit: the reply, then the Close");
        assertTrue(handler.events.isEmpty(), "a connection closed before registering never reaches the hub");
    }

    @Test
    void aHubThatRefusedTheConnectionIsNotToldOfItsEnd() {
        handler.refuse = true;
        connect();
        connection.transportClosed(null);
        assertEquals(List.of("handshake", "connected"), handler.events);
        assertEquals(1, handler.closedCalls, "still unregistered");
    }

    private static String streamInvocation(String id) {
        return "{\"type\":4,\"invocationId\":\"" + id + "\",\"target\":\"Counter\",\"arguments\":[]}" + RS;
    }

    private static String cancel(String id) {
        return "{\"type\":5,\"invocationId\":\"" + id + "\"}" + RS;
    }

    @Test
    void aCancelReachesAStreamThatIsStillWaitingItsTurn() {
        List<Runnable> hubWork = new ArrayList<>();
        HubConnectionContext held = attachedWithHeldHubWork(hubWork);
        held.receive(ByteBuffer.wrap((HANDSHAKE + streamInvocation("1") + cancel("1"))
                .getBytes(StandardCharsets.UTF_8)));
        while (!hubWork.isEmpty()) {
            hubWork.remove(0).run();
        }
        assertEquals(List.of("handshake", "connected", "stream Counter"), handler.events);
        ActiveStream stream = handler.streams.get(0);
        assertTrue(stream.isCancelled(), "cancelled before the dispatcher saw it");
        AtomicInteger cancels = new AtomicInteger();
        stream.onCancel(cancels::incrementAndGet);
        assertEquals(1, cancels.get(), "what cancelling does runs as soon as it is known");
    }

    @Test
    void aCancelRunsTheCancellerOnceAndUnknownIdsAreIgnored() {
        connect();
        receive(streamInvocation("1"));
        AtomicInteger cancels = new AtomicInteger();
        handler.streams.get(0).onCancel(cancels::incrementAndGet);
        receive(cancel("2"));
        assertEquals(0, cancels.get());
        receive(cancel("1") + cancel("1"));
        assertEquals(1, cancels.get());
        assertTrue(sender.closes.isEmpty());
    }

    @Test
    void anIdInUseIsReportedUntilTheStreamEnds() {
        connect();
        receive(streamInvocation("1") + streamInvocation("1"));
        ActiveStream first = handler.streams.get(0);
        ActiveStream duplicate = handler.streams.get(1);
        assertFalse(first.idInUse());
        assertTrue(duplicate.idInUse());
        duplicate.end();
        receive(streamInvocation("1"));
        assertTrue(handler.streams.get(2).idInUse(), "ending the duplicate left the first registered");
        first.end();
        receive(streamInvocation("1"));
        assertFalse(handler.streams.get(3).idInUse());
    }

    @Test
    void theEndOfTheConnectionCancelsEveryStream() {
        connect();
        receive(streamInvocation("1") + streamInvocation("2"));
        AtomicInteger cancels = new AtomicInteger();
        handler.streams.forEach(stream -> stream.onCancel(cancels::incrementAndGet));
        connection.transportClosed(null);
        assertEquals(2, cancels.get());
    }

    @Test
    void closingTheConnectionCancelsItsStreamsAtOnce() {
        connect();
        receive(streamInvocation("1"));
        AtomicInteger cancels = new AtomicInteger();
        handler.streams.get(0).onCancel(cancels::incrementAndGet);
        connection.abort();
        assertEquals(1, cancels.get(), "without waiting for the client to close the transport");
    }
}
