package dev.switchboard.internal.connection;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubOptions;
import dev.switchboard.LogSafe;
import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.AckMessage;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubMessage;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.InputBuffer;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.ProtocolException;
import dev.switchboard.internal.transport.TransportListener;
import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.spi.ConnectionHandle;
import dev.switchboard.spi.SerializedMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection to one hub, and its life cycle: one {@link ConnectionState}, moved here only. Its jobs
 * are done by its parts: the {@link Handshake}, {@link IncomingCalls} (routing and the one-at-a-time order of
 * its hub work), {@link OutgoingMessages} over the bounded {@link OutgoingQueue}, {@link ConnectionTimers}
 * (keep-alive and timeouts), {@link HubPresence} (its standing with the hub) and the {@link CallerContext} hubs
 * see. Transports feed it bytes and carry its payloads through {@link TransportListener} and
 * {@link TransportSender}; the hub side sees it through {@link ConnectionEvents}.
 */
public final class HubConnectionContext implements ConnectionHandle, TransportListener {

    private static final Logger log = LoggerFactory.getLogger(HubConnectionContext.class);

    private final String connectionId;
    private final String connectionToken;
    private final HubOptions options;
    private final Handshake handshake;
    private final Executor hubExecutor;
    private final ClientResults results;
    private final IncomingCalls calls;
    private final CallerContext caller = new CallerContext(this);
    private final HubPresence presence;
    private final ConnectionTimers timers;
    private final OutgoingQueue outgoing;
    private final OutgoingMessages messages;
    private final InputBuffer input = new InputBuffer();
    /** Orders a lost WebSocket's end before its replacement's start; see {@link #socketClosed}. */
    private final Object transportLock = new Object();
    private final AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.NEGOTIATED);
    private volatile TransportSender sender;
    private volatile Throwable closeError;
    private volatile Runnable onEnded = () -> { };
    /** Negotiate offered stateful reconnect; a version 2 handshake over a WebSocket then turns it on. */
    private volatile boolean statefulOffered;
    /** Null unless stateful reconnect is on for this connection. */
    private volatile StatefulReconnect stateful;

    public HubConnectionContext(String connectionId, String connectionToken, HubOptions options, ConnectionEvents handler,
                         Map<String, HubProtocol> protocols, HandshakeProtocol handshake, Executor hubExecutor,
                         Executor sendExecutor) {
        this.connectionId = connectionId;
        this.connectionToken = connectionToken;
        this.options = options;
        this.hubExecutor = hubExecutor;
        this.results = new ClientResults(connectionId, options.clientResultTimeout());
        this.calls = new IncomingCalls(this, handler, options, hubExecutor, results);
        this.presence = new HubPresence(this, handler);
        this.timers = new ConnectionTimers(this, options);
        this.outgoing = new OutgoingQueue(options.maximumSendBufferSize(), options.maximumSendBufferMessages(),
                this::onSendFailure, sendExecutor);
        this.messages = new OutgoingMessages(connectionId, options, outgoing, results, timers, hubExecutor,
                this::closeSlowClient, this::closeOverBudget);
        this.handshake = new Handshake(handshake, protocols, options.maximumReceiveMessageSize(), outgoing, messages,
                timers, presence);
    }

    // ---- transport side

    /**
     * Gives the connection its transport. Only a negotiated connection can be attached, once.
     *
     * @return false when the connection is already in use, expired or closed
     */
    public boolean attach(TransportSender transport, ConnectionRequest transportRequest) {
        if (!state.compareAndSet(ConnectionState.NEGOTIATED, ConnectionState.HANDSHAKING)) {
            return false;
        }
        this.sender = transport;
        caller.request(transportRequest);
        outgoing.attach(transport);
        timers.attached();
        return true;
    }

    /**
     * What {@code transport} feeds: the connection itself, or, when it may be resumed on another transport, a
     * listener that ignores {@code transport} once it is lost or replaced, and keeps the connection when it drops.
     */
    public TransportListener listenerFor(TransportSender transport) {
        return statefulOffered ? new CurrentTransport(this, transport) : this;
    }

    /** Negotiate offered stateful reconnect to the client, which it may turn on with a version 2 handshake. */
    public void offerStatefulReconnect() {
        statefulOffered = true;
    }

    /**
     * A WebSocket of this connection ended; for a stateful connection that drops without a close, the
     * connection is kept for the disconnect timeout, for its client to {@link #resume}.
     */
    void socketClosed(TransportSender transport, Throwable error) {
        synchronized (transportLock) {
            if (transport != sender || state.get() == ConnectionState.DISCONNECTED) {
                return;
            }
            if (error == null || stateful == null || !state.compareAndSet(ConnectionState.CONNECTED,
                    ConnectionState.DISCONNECTED)) {
                transportClosed(error);
                return;
            }
            closeError = error;
            outgoing.detach();
            timers.disconnected();
        }
        transport.abort();
        log.debug("Connection {} lost its WebSocket ({}); kept {} ms for its client to reconnect", connectionId,
                LogSafe.escape(error), options.disconnectTimeout().toMillis());
    }

    /**
     * Takes the connection up on {@code transport}, the WebSocket its client reconnected with: the client is sent
     * a Sequence, then every message it has not acknowledged, and the connection goes on as before.
     *
     * @return what the transport feeds, or null when the connection is no longer waiting for its client
     */
    public TransportListener resume(TransportSender transport) {
        synchronized (input) {
            // Nothing is appended while disconnected; a record the lost transport left unfinished is dropped.
            input.skip(input.readable());
        }
        synchronized (transportLock) {
            if (state.get() != ConnectionState.DISCONNECTED) {
                return null;
            }
            TransportSender lostTransport = sender;
            sender = transport;
            if (!state.compareAndSet(ConnectionState.DISCONNECTED, ConnectionState.CONNECTED)) {
                sender = lostTransport;
                return null;
            }
            closeError = null;
            timers.attached();
        }
        // Outside the lock, which a failing send may take under the lock trackable sends hold.
        messages.resume(transport);
        log.debug("Connection {} resumed on a new WebSocket", connectionId);
        return listenerFor(transport);
    }

    /** The client did not reconnect within the disconnect timeout: the connection ends. */
    void reconnectWindowPassed() {
        if (state.compareAndSet(ConnectionState.DISCONNECTED, ConnectionState.CLOSED)) {
            log.debug("Connection {} was not resumed within {} ms and ends", connectionId,
                    options.disconnectTimeout().toMillis());
            ended(closeError);
        }
    }

    /** Acknowledges what the client sent since the last Ack, when stateful reconnect is on. */
    void acknowledge() {
        StatefulReconnect bookkeeping = stateful;
        AckMessage ack = bookkeeping == null ? null : bookkeeping.acknowledgement();
        if (ack != null) {
            messages.send(ack);
        }
    }

    @Override
    public void receive(ByteBuffer data) {
        synchronized (input) {
            ConnectionState current = state.get();
            if (current != ConnectionState.HANDSHAKING && current != ConnectionState.CONNECTED) {
                return;
            }
            timers.received();
            input.append(data);
            try {
                if (current == ConnectionState.HANDSHAKING && !readHandshake()) {
                    return;
                }
                messages.protocol().parseMessages(input, options.maximumReceiveMessageSize(), this::onMessage);
            } catch (ProtocolException e) {
                log.debug("Connection {} sent bad input: {}", connectionId, LogSafe.escape(e.getMessage()));
                close(new CloseMessage("Connection closed with an error. " + e.getMessage(), true), e);
            }
        }
    }

    /** Runs the hub's disconnect once. */
    @Override
    public void transportClosed(Throwable error) {
        if (state.getAndSet(ConnectionState.CLOSED) != ConnectionState.CLOSED) {
            ended(error);
        }
    }

    /** The connection has just become {@link ConnectionState#CLOSED}: what ends with it. */
    private void ended(Throwable error) {
        outgoing.discard();
        // At once rather than behind queued hub work, which might never finish.
        endStreams();
        Throwable cause = closeError != null ? closeError : error;
        if (presence.registered()) {
            // Queued behind onConnected, so whether it succeeded is settled when this runs; as in SignalR, a hub
            // whose onConnected failed is not told of the disconnect.
            calls.submit(() -> presence.disconnect(cause));
        }
        onEnded.run();
    }

    // ---- hub side

    /** Queues one payload for the client; never blocks. */
    public void send(Payload payload) {
        messages.send(payload);
    }

    public void send(HubMessage message) {
        messages.send(message);
    }

    @Override
    public void send(SerializedMessage message) {
        messages.send(message);
    }

    /**
     * Invokes {@code method} on the client under an invocation id of the server's, and completes with the
     * client's answer as parsed; see {@link ClientResults}. Fails at once when the connection is ending.
     */
    @Override
    public CompletableFuture<Object> invoke(String method, List<?> args) {
        return messages.invoke(method, args);
    }

    /**
     * Whether a stream may send its next item now, which bounds what waits for a slow client. When not,
     * {@code onRoom} runs on the hub executor once it may, unless the connection ends first.
     */
    public boolean streamItemRoom(Runnable onRoom) {
        return messages.streamItemRoom(onRoom);
    }

    /**
     * Sends {@code message} and ends the connection once it is written; its streams are cancelled, their
     * Completions no longer sent, so that the client sees them end with the connection.
     */
    public void close(CloseMessage message, Throwable error) {
        ConnectionState was = beginClosing();
        if (was == null) {
            return;
        }
        closeError = error;
        if (sender == null || was == ConnectionState.DISCONNECTED) {
            // No transport to say goodbye on.
            transportClosed(error);
            return;
        }
        if (was == ConnectionState.CONNECTED) {
            outgoing.offer(messages.protocol().write(message));
        }
        awaitClientClose();
        // After the Close: a stream it cuts must not look to the client as if it had ended normally.
        endStreams();
    }

    /**
     * The server is shutting down. From now on calls that have not started are answered with an error
     * Completion and do not run; once the running one has answered (its Completion goes first), the client
     * is sent {@code goingAway}. Streams being sent do not hold this up: the Close cuts them.
     *
     * @return completes once {@code goingAway} is queued, or the connection is ending anyway
     */
    public CompletableFuture<Void> drain(CloseMessage goingAway) {
        CompletableFuture<Void> idle = calls.drain();
        if (state.get() != ConnectionState.CONNECTED) {
            close(goingAway, null);
            return CompletableFuture.completedFuture(null);
        }
        return idle.thenRun(() -> close(goingAway, null));
    }

    /** Ends the connection now, without waiting for the client to close its side: the server is going. */
    public void terminate() {
        beginClosing();
        TransportSender current = sender;
        if (current != null) {
            current.abort();
        }
        transportClosed(null);
    }

    /** Applies the time-based rules of {@link ConnectionTimers}: false once the connection has ended. */
    public boolean tick(long now) {
        return timers.tick(now);
    }

    /** A negotiated connection no transport took up in time ends; it loses to a transport attaching now. */
    void expire() {
        if (state.compareAndSet(ConnectionState.NEGOTIATED, ConnectionState.CLOSED)) {
            log.debug("Negotiated connection {} was never used and expired", connectionId);
            ended(null);
        }
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    public String connectionToken() {
        return connectionToken;
    }

    @Override
    public String userIdentifier() {
        return caller.userIdentifier();
    }

    /** {@return what the hub sees of this connection's client} */
    public CallerContext caller() {
        return caller;
    }

    /** {@return the kind of transport carrying the connection, or null before one is attached} */
    public Transport transport() {
        TransportSender current = sender;
        return current == null ? null : current.type();
    }

    /** Closes the connection at the hub's request. */
    public void abort() {
        close(CloseMessage.EMPTY, null);
    }

    public ConnectionState state() {
        return state.get();
    }

    @Override
    public boolean isClosed() {
        return state.get() == ConnectionState.CLOSED;
    }

    /** The executor hub methods run on, shared by every connection. */
    public Executor hubExecutor() {
        return hubExecutor;
    }

    /** The transport carrying the connection, or null before one is attached. */
    public TransportSender transportSender() {
        return sender;
    }

    /** Runs once the connection has ended; the connection manager forgets it then. */
    public void onEnded(Runnable listener) {
        this.onEnded = listener;
    }

    @Override
    public String toString() {
        return "HubConnectionContext[" + connectionId + ", " + state.get() + "]";
    }

    private boolean readHandshake() {
        Handshake.Result result = handshake.read(input, sender.type());
        if (result == null) {
            return false;
        }
        if (result.error() != null) {
            failHandshake(result.error());
            return false;
        }
        if (statefulOffered && result.version() >= 2 && transport() == Transport.WEB_SOCKETS) {
            // Before anything is sent or routed: every trackable message from now on is numbered.
            stateful = new StatefulReconnect(options.statefulReconnectBufferSize());
            messages.statefulReconnect(stateful);
        }
        if (!state.compareAndSet(ConnectionState.HANDSHAKING, ConnectionState.CONNECTED)) {
            return false;
        }
        timers.received();
        calls.submit(() -> handshake.register(this::isEnding, this::failHandshake));
        return true;
    }

    /** Whether the connection is closing or closed, so that hub work not yet started is skipped. */
    boolean isEnding() {
        ConnectionState current = state.get();
        return current == ConnectionState.CLOSING || current == ConnectionState.CLOSED;
    }

    /**
     * Moves the connection to {@link ConnectionState#CLOSING} from whichever state it is in, starting the close
     * timeout.
     *
     * @return the state it was in, or null when it was closing or closed already
     */
    private ConnectionState beginClosing() {
        while (true) {
            ConnectionState current = state.get();
            if (current == ConnectionState.CLOSING || current == ConnectionState.CLOSED) {
                return null;
            }
            if (state.compareAndSet(current, ConnectionState.CLOSING)) {
                timers.closing();
                return current;
            }
        }
    }

    void failHandshake(String error) {
        if (beginClosing() == null) {
            return;
        }
        log.debug("Handshake of connection {} failed: {}", connectionId, LogSafe.escape(error));
        closeError = new ProtocolException(error);
        handshake.refuse(error);
        awaitClientClose();
    }

    /**
     * Once the last message is written, the transport's closing handshake starts: a WebSocket sends its close
     * frame at once and waits for the client's, as RFC 6455 and ASP.NET Core do; the other transports wait for
     * the client to end them, as SignalR clients do on a Close or a handshake error. The heartbeat ends the
     * transport if the client has not answered within the close timeout.
     */
    private void awaitClientClose() {
        TransportSender transport = sender;
        outgoing.closeAfterDrain(() -> {
            timers.closing();
            transport.startClosingHandshake();
        });
    }

    private void onMessage(HubMessage message) {
        if (state.get() != ConnectionState.CONNECTED) {
            return;
        }
        StatefulReconnect bookkeeping = stateful;
        try {
            if (bookkeeping == null || bookkeeping.shouldProcess(message)) {
                calls.route(message);
            }
        } catch (ProtocolException e) {
            log.debug("Connection {} sent a bad Sequence: {}", connectionId, e.getMessage());
            close(new CloseMessage("Connection closed with an error. " + e.getMessage(), false), e);
        }
    }

    /**
     * Ends what is under way with the client, on every way a connection ends: leaves the lifetime manager, fails
     * the uploads (for the hub to see the connection go), cancels the streams sent, and fails the results it owes.
     */
    private void endStreams() {
        presence.leave();
        calls.end();
        results.end();
    }

    /**
     * Closes a client that let more than {@code bound} pile up. What waits is dropped, so memory is freed at
     * once; a Close saying which bound goes out behind the send in flight, and the transport then ends with
     * the reason too. A client that reads no more is cut off by the heartbeat after the close timeout.
     */
    private void closeSlowClient(String bound) {
        closeTooSlow("Client too slow: more than " + bound + " waiting to be sent.");
    }

    /**
     * A stateful connection whose client has not acknowledged {@code statefulReconnectBufferSize} bytes, while
     * connected or within the disconnect timeout, is closed as too slow rather than made to wait; the client may
     * reconnect, as a new connection.
     */
    private void closeOverBudget() {
        closeTooSlow("Client too slow: more than " + options.statefulReconnectBufferSize()
                + " bytes not acknowledged.");
    }

    private void closeTooSlow(String reason) {
        ConnectionState was = beginClosing();
        if (was == null) {
            return;
        }
        if (was == ConnectionState.DISCONNECTED) {
            log.debug("Connection {} ends while its client is away: {}", connectionId, reason);
            transportClosed(new IOException(reason));
            return;
        }
        log.warn("Closing connection {}: {}", connectionId, reason);
        closeError = new IOException(reason);
        endStreams();
        TransportSender transport = sender;
        outgoing.closeWith(messages.protocol().write(new CloseMessage("Connection closed with an error. " + reason, true)),
                () -> transport.close(reason));
    }

    private void onSendFailure(Throwable failure) {
        if (stateful != null) {
            // Kept for a reconnect, or ended as any connection is.
            TransportSender failed = sender;
            socketClosed(failed, failure);
            failed.abort();
            return;
        }
        outgoing.discard();
        log.debug("Send to connection {} failed", connectionId, failure);
        if (closeError == null) {
            closeError = failure;
        }
        beginClosing();
        endStreams();
        sender.abort();
    }
}
