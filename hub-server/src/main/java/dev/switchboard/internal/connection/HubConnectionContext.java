package dev.switchboard.internal.connection;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubOptions;
import dev.switchboard.HubUser;
import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubMessage;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.transport.TransportListener;
import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.spi.ConnectionHandle;
import dev.switchboard.spi.SerializedMessage;
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
 * are done by its parts: {@link ClientInput} (records from bytes), the {@link Handshake}, {@link IncomingCalls}
 * (routing and the one-at-a-time order of its hub work), {@link OutgoingMessages} over the bounded
 * {@link OutgoingQueue}, {@link ConnectionTimers} (keep-alive and timeouts), {@link HubPresence} (its standing with
 * the hub), {@link Closing} (the ways it closes, and what ends with it), {@link Resumption} (stateful reconnect, when
 * negotiate offered it) and the {@link CallerContext} hubs see. Transports feed it bytes and carry its payloads
 * through {@link TransportListener} and {@link TransportSender}; the hub side sees it through
 * {@link ConnectionEvents}.
 */
public final class HubConnectionContext implements ConnectionHandle, ServerConnection {

    private static final Logger log = LoggerFactory.getLogger(HubConnectionContext.class);

    private final String connectionId;
    private final String connectionToken;
    private final HubOptions options;
    private final Handshake handshake;
    private final Executor hubExecutor;
    private final IncomingCalls calls;
    private final CallerContext caller = new CallerContext(this);
    private final ConnectionTimers timers;
    private final OutgoingQueue outgoing;
    private final OutgoingMessages messages;
    private final ClientInput input;
    private final Closing closing;
    private final AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.NEGOTIATED);
    private volatile TransportSender sender;
    /** Null unless negotiate offered stateful reconnect. */
    private volatile Resumption resumption;

    public HubConnectionContext(String connectionId, String connectionToken, HubOptions options, ConnectionEvents handler,
                         Map<String, HubProtocol> protocols, HandshakeProtocol handshake, Executor hubExecutor,
                         Executor sendExecutor) {
        this.connectionId = connectionId;
        this.connectionToken = connectionToken;
        this.options = options;
        this.hubExecutor = hubExecutor;
        ClientResults results = new ClientResults(connectionId, options.clientResultTimeout());
        this.calls = new IncomingCalls(this, handler, options, hubExecutor, results);
        HubPresence presence = new HubPresence(this, handler);
        this.timers = new ConnectionTimers(this, options);
        this.outgoing = new OutgoingQueue(options.maximumSendBufferSize(), options.maximumSendBufferMessages(),
                this::onSendFailure, sendExecutor);
        this.messages = new OutgoingMessages(connectionId, options, outgoing, results, timers, hubExecutor,
                this::closeTooSlow);
        this.handshake = new Handshake(handshake, protocols, options.maximumReceiveMessageSize(), outgoing, messages,
                timers, presence);
        this.input = new ClientInput(this, this.handshake, messages, calls, timers, options.maximumReceiveMessageSize());
        this.closing = new Closing(this, this.handshake, outgoing, messages, timers, presence, calls, results);
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
     * What {@code transport} feeds: the connection itself, or, when it may be resumed on another WebSocket, a
     * {@link CurrentTransport}.
     */
    public TransportListener listenerFor(TransportSender transport) {
        Resumption offered = resumption;
        return offered == null ? this : offered.listenerFor(transport);
    }

    /** Negotiate offered stateful reconnect to the client, which it may turn on with a version 2 handshake. */
    public void offerStatefulReconnect() {
        resumption = new Resumption(this, messages, input, options.statefulReconnectBufferSize());
    }

    /**
     * Takes the connection up on the WebSocket its client reconnected with; see {@link Resumption#resume}.
     *
     * @return what the transport feeds, or null when the connection is not waiting for its client
     */
    public TransportListener resume(TransportSender transport) {
        Resumption offered = resumption;
        return offered == null ? null : offered.resume(transport);
    }

    /**
     * {@link ConnectionState#CONNECTED} to {@link ConnectionState#DISCONNECTED}: the WebSocket is lost, the
     * connection stays for the disconnect timeout, and what is sent meanwhile is only kept.
     */
    boolean disconnect(Throwable error) {
        if (!state.compareAndSet(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED)) {
            return false;
        }
        closing.cause(error);
        outgoing.detach();
        timers.disconnected();
        return true;
    }

    /** {@link ConnectionState#DISCONNECTED} to {@link ConnectionState#CONNECTED} on the client's new WebSocket. */
    boolean reconnect(TransportSender transport) {
        TransportSender lost = sender;
        sender = transport;
        if (!state.compareAndSet(ConnectionState.DISCONNECTED, ConnectionState.CONNECTED)) {
            sender = lost;
            return false;
        }
        closing.cause(null);
        timers.attached();
        return true;
    }

    /** The client did not reconnect within the disconnect timeout: the connection ends. */
    void reconnectWindowPassed() {
        if (state.compareAndSet(ConnectionState.DISCONNECTED, ConnectionState.CLOSED)) {
            log.debug("Connection {} was not resumed within {} ms and ends", connectionId,
                    options.disconnectTimeout().toMillis());
            closing.ended(null);
        }
    }

    @Override
    public void receive(ByteBuffer data) {
        input.receive(data);
    }

    /** Runs the hub's disconnect once. */
    @Override
    public void transportClosed(Throwable error) {
        if (state.getAndSet(ConnectionState.CLOSED) != ConnectionState.CLOSED) {
            closing.ended(error);
        }
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
        closing.close(message, error);
    }

    /**
     * The server is shutting down. From now on calls that have not started are answered with an error
     * Completion and do not run; once the running ones have answered (their Completions go first), the client
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
        closing.terminate();
    }

    /** Applies the time-based rules of {@link ConnectionTimers}: false once the connection has ended. */
    public boolean tick(long now) {
        return timers.tick(now);
    }

    /** A negotiated connection no transport took up in time ends; it loses to a transport attaching now. */
    void expire() {
        if (state.compareAndSet(ConnectionState.NEGOTIATED, ConnectionState.CLOSED)) {
            log.debug("Negotiated connection {} was never used and expired", connectionId);
            closing.ended(null);
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

    @Override
    public HubUser user() {
        return caller.user();
    }

    @Override
    public void user(HubUser user) {
        caller.user(user);
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
        closing.onEnded(listener);
    }

    /** {@return stateful reconnect, or null when negotiate did not offer it} */
    Resumption resumption() {
        return resumption;
    }

    @Override
    public String toString() {
        return "HubConnectionContext[" + connectionId + ", " + state.get() + "]";
    }

    /**
     * The handshake agreed a protocol, at {@code version}: the connection is connected, and registers with its hub.
     *
     * @return false when it is ending already
     */
    boolean handshaken(int version) {
        Resumption offered = resumption;
        if (offered != null) {
            // Before anything is sent or routed: every trackable message from now on is numbered.
            offered.handshake(version, transport());
        }
        if (!state.compareAndSet(ConnectionState.HANDSHAKING, ConnectionState.CONNECTED)) {
            return false;
        }
        timers.received();
        calls.submit(() -> handshake.register(this::isEnding, closing::failHandshake));
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
    ConnectionState beginClosing() {
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

    /** See {@link Closing#failHandshake}. */
    void failHandshake(String error) {
        closing.failHandshake(error);
    }

    /** See {@link Closing#tooSlow}. */
    private void closeTooSlow(String reason) {
        closing.tooSlow(reason);
    }

    /** A send failed: a stateful connection is kept for its client to resume, or ends as any other does. */
    private void onSendFailure(Throwable failure) {
        Resumption offered = resumption;
        if (offered != null && offered.on()) {
            TransportSender failed = sender;
            offered.socketClosed(failed, failure);
            failed.abort();
            return;
        }
        closing.sendFailed(failure);
    }
}
