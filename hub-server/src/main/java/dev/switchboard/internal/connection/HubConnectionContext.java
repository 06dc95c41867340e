package dev.switchboard.internal.connection;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubOptions;
import dev.switchboard.LogSafe;
import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HandshakeRequest;
import dev.switchboard.internal.protocol.HubMessage;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.InputBuffer;
import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.PingMessage;
import dev.switchboard.internal.protocol.ProtocolException;
import dev.switchboard.internal.protocol.SerializedOnce;
import dev.switchboard.spi.ConnectionHandle;
import dev.switchboard.spi.SerializedMessage;
import dev.switchboard.internal.protocol.TransferFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection to one hub: the handshake, the parse buffer, the bounded outgoing queue,
 * keep-alive and timeouts, the one-at-a-time order of its hub work, the streams it is sending and those
 * its client uploads.
 * Transports feed it bytes and carry its payloads; the hub side sees it through
 * {@link ConnectionEvents}.
 */
public final class HubConnectionContext implements ConnectionHandle {

    private static final Logger log = LoggerFactory.getLogger(HubConnectionContext.class);
    private static final long CLOSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String connectionId;
    private final String connectionToken;
    private final HubOptions options;
    private final ConnectionEvents handler;
    private final Map<String, HubProtocol> protocols;
    private final HandshakeProtocol handshake;
    private final Executor hubExecutor;
    private final ClientResults results;
    private final IncomingCalls calls;
    private final CallerContext caller = new CallerContext(this);
    private final OutgoingQueue outgoing;
    private final InputBuffer input = new InputBuffer();
    private final AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.NEGOTIATED);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean unregistered = new AtomicBoolean();
    private volatile TransportSender sender;
    private volatile HubProtocol protocol;
    private volatile Throwable closeError;
    private volatile boolean registered;
    private volatile boolean hubConnected;
    private volatile Runnable onEnded = () -> { };
    private volatile long stateSince = System.nanoTime();
    private volatile long closingSince;
    private volatile long lastReceived;
    private volatile long lastSent;

    public HubConnectionContext(String connectionId, String connectionToken, HubOptions options, ConnectionEvents handler,
                         Map<String, HubProtocol> protocols, HandshakeProtocol handshake, Executor hubExecutor,
                         Executor sendExecutor) {
        this.connectionId = connectionId;
        this.connectionToken = connectionToken;
        this.options = options;
        this.handler = handler;
        this.protocols = protocols;
        this.handshake = handshake;
        this.hubExecutor = hubExecutor;
        this.results = new ClientResults(connectionId, options.clientResultTimeout());
        this.calls = new IncomingCalls(this, handler, options, hubExecutor, results);
        this.outgoing = new OutgoingQueue(options.maximumSendBufferSize(), options.maximumSendBufferMessages(),
                this::onSendFailure, sendExecutor);
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
        long now = System.nanoTime();
        stateSince = now;
        lastReceived = now;
        return true;
    }

    /** Bytes from the client: one transport unit, holding whole records or the start of one. */
    public void receive(ByteBuffer data) {
        synchronized (input) {
            ConnectionState current = state.get();
            if (current != ConnectionState.HANDSHAKING && current != ConnectionState.CONNECTED || closing.get()) {
                return;
            }
            lastReceived = System.nanoTime();
            input.append(data);
            try {
                if (current == ConnectionState.HANDSHAKING && !readHandshake()) {
                    return;
                }
                protocol.parseMessages(input, options.maximumReceiveMessageSize(), this::onMessage);
            } catch (ProtocolException e) {
                log.debug("Connection {} sent bad input: {}", connectionId, LogSafe.escape(e.getMessage()));
                closeWithError("Connection closed with an error. " + e.getMessage(), e);
            }
        }
    }

    /** The transport has ended, by either side. Runs the hub's disconnect once. */
    public void transportClosed(Throwable error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        state.set(ConnectionState.CLOSED);
        outgoing.discard();
        // At once rather than behind queued hub work, which might never finish.
        endStreams();
        Throwable cause = closeError != null ? closeError : error;
        if (registered) {
            // Queued behind onConnected, so hubConnected is settled when this runs; as in SignalR, a hub whose
            // onConnected failed is not told of the disconnect.
            calls.submit(() -> hubConnected ? handler.onDisconnected(this, cause) : null);
        }
        onEnded.run();
    }

    // ---- hub side

    /** Queues one payload for the client; never blocks. */
    public void send(Payload payload) {
        switch (outgoing.offer(payload)) {
            case QUEUED -> lastSent = System.nanoTime();
            case TOO_MANY_BYTES -> closeSlowClient(options.maximumSendBufferSize() + " bytes");
            case TOO_MANY_MESSAGES -> closeSlowClient(options.maximumSendBufferMessages() + " messages");
            case CLOSED -> log.trace("Dropped a message for closed connection {}", connectionId);
        }
    }

    public void send(HubMessage message) {
        send(protocol.write(message));
    }

    @Override
    public void send(SerializedMessage message) {
        HubProtocol agreed = protocol;
        if (agreed == null) {
            return;
        }
        // SerializedOnce is the one kind of message, so that the bytes are shared and nothing is wrapped per send.
        Payload payload = ((SerializedOnce) message).payloadFor(agreed);
        if (payload != null) {
            send(payload);
        } else {
            log.warn("Dropped a message from another server for connection {}: it was not sent in protocol '{}'",
                    connectionId, agreed.name());
        }
    }

    /**
     * Invokes {@code method} on the client under an invocation id of the server's, and completes with the
     * client's answer as parsed; see {@link ClientResults}. Fails at once when the connection is ending.
     */
    @Override
    public CompletableFuture<Object> invoke(String method, List<?> args) {
        ClientResults.Pending pending = results.add(method);
        if (!pending.result().isDone()) {
            try {
                send(new InvocationMessage(pending.invocationId(), method, args, List.of(), Map.of()));
            } catch (RuntimeException e) {
                results.fail(pending.invocationId(), e);
            }
        }
        return pending.result();
    }

    /**
     * Whether a stream may send its next item now, which bounds what waits for a slow client. When not,
     * {@code onRoom} runs on the hub executor once it may, unless the connection ends first.
     */
    public boolean streamItemRoom(Runnable onRoom) {
        return outgoing.hasRoom(() -> {
            try {
                hubExecutor.execute(onRoom);
            } catch (RejectedExecutionException e) {
                log.debug("Hub executor is shut down; stream of connection {} stops", connectionId);
            }
        });
    }

    /**
     * Sends {@code message} and ends the connection once it is written; its streams are cancelled, their
     * Completions no longer sent, so that the client sees them end with the connection.
     */
    public void close(CloseMessage message, Throwable error) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closingSince = System.nanoTime();
        closeError = error;
        if (sender == null) {
            transportClosed(error);
            return;
        }
        if (state.get() == ConnectionState.CONNECTED) {
            outgoing.offer(protocol.write(message));
        }
        awaitClientClose();
        // After the Close: a stream it cuts must not look to the client as if it had ended normally.
        endStreams();
    }

    /**
     * Leaves the lifetime manager once: nothing new is sent to a closing connection, and it is gone before its
     * pending results fail, so whoever sees such a failure finds it gone.
     */
    private void unregister() {
        if (unregistered.compareAndSet(false, true)) {
            handler.onClosed(this);
        }
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
        closing.set(true);
        TransportSender current = sender;
        if (current != null) {
            current.abort();
        }
        transportClosed(null);
    }

    // ---- heartbeat

    /**
     * Applies the time-based rules: negotiated connections expire, handshakes time out, idle connections
     * get a Ping, silent clients are closed, and a close the transport never confirmed is finished.
     *
     * @return false once the connection has ended and can be forgotten
     */
    public boolean tick(long now) {
        ConnectionState current = state.get();
        if (closing.get()) {
            long since = closingSince;
            if (current != ConnectionState.CLOSED && since != 0 && now - since > CLOSE_TIMEOUT_NANOS) {
                if (sender != null) {
                    sender.abort();
                }
                transportClosed(null);
            }
            return !ended.get();
        }
        switch (current) {
            case NEGOTIATED -> {
                // The compare-and-set loses to a transport attaching at this very moment.
                if (now - stateSince > options.disconnectTimeout().toNanos()
                        && state.compareAndSet(ConnectionState.NEGOTIATED, ConnectionState.CLOSED)) {
                    log.debug("Negotiated connection {} was never used and expired", connectionId);
                    transportClosed(null);
                }
            }
            case HANDSHAKING -> {
                if (now - stateSince > options.handshakeTimeout().toNanos()) {
                    failHandshake("Handshake was canceled.");
                }
            }
            case CONNECTED -> {
                if (sender.inherentKeepAlive()) {
                    long idle = sender.idleSince();
                    if (idle >= 0 && now - idle > options.disconnectTimeout().toNanos()) {
                        log.debug("Connection {} stopped polling", connectionId);
                        closeError = new TimeoutException("No poll from the client for "
                                + options.disconnectTimeout().toMillis() + " ms.");
                        sender.abort();
                        transportClosed(null);
                    }
                } else if (now - lastReceived > options.clientTimeoutInterval().toNanos()) {
                    String reason = "Server closed the connection: nothing received from the client for "
                            + options.clientTimeoutInterval().toMillis() + " ms.";
                    close(new CloseMessage(reason, true), new TimeoutException(reason));
                } else if (now - lastSent >= options.keepAliveInterval().toNanos()) {
                    send(PingMessage.INSTANCE);
                }
            }
            case CLOSED -> { }
        }
        return !ended.get();
    }

    // ---- accessors

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

    // ---- internals

    private boolean readHandshake() {
        HandshakeRequest requested;
        try {
            requested = handshake.parseRequest(input, options.maximumReceiveMessageSize());
        } catch (ProtocolException e) {
            failHandshake("An unexpected error occurred during connection handshake. " + e.getMessage());
            return false;
        }
        if (requested == null) {
            return false;
        }
        HubProtocol chosen = protocols.get(requested.protocol().toLowerCase(Locale.ROOT));
        if (chosen == null) {
            failHandshake("The protocol '" + requested.protocol() + "' is not supported.");
            return false;
        }
        if (requested.version() > chosen.version() || requested.version() < 0) {
            failHandshake("The server does not support version " + requested.version() + " of the '"
                    + chosen.name() + "' protocol.");
            return false;
        }
        protocol = chosen;
        outgoing.cork();
        // Set before the heartbeat can see the connection connected: no Ping is due until the reply has had a
        // keep-alive interval to leave.
        lastSent = System.nanoTime();
        if (!state.compareAndSet(ConnectionState.HANDSHAKING, ConnectionState.CONNECTED)) {
            return false;
        }
        lastReceived = System.nanoTime();
        calls.submit(this::register);
        return true;
    }

    /**
     * Registers the connection with its hub before the handshake reply leaves, so that nothing sent to it
     * once the client knows it is connected can miss it; the cork keeps those sends behind the reply, which
     * must come first. Runs on the hub executor, since registering runs user code (the user id provider),
     * and ahead of any invocation that arrived with the handshake.
     */
    private CompletionStage<Void> register() {
        if (isEnding()) {
            // Closed before it was registered: the reply still goes first, then whatever Close is held.
            outgoing.uncork(handshake.success());
            return null;
        }
        try {
            handler.onHandshake(this);
        } catch (RuntimeException e) {
            log.error("Registering connection {} failed", connectionId, e);
            outgoing.uncork(null);
            failHandshake("An unexpected error occurred during connection handshake.");
            return null;
        }
        registered = true;
        outgoing.format(protocol.transferFormat());
        outgoing.uncork(handshake.success());
        lastSent = System.nanoTime();
        return isEnding() ? null
                : handler.onConnected(this).whenComplete((done, failure) -> hubConnected = failure == null);
    }

    boolean isEnding() {
        return closing.get() || ended.get();
    }

    private void failHandshake(String error) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        log.debug("Handshake of connection {} failed: {}", connectionId, LogSafe.escape(error));
        closingSince = System.nanoTime();
        closeError = new ProtocolException(error);
        outgoing.format(TransferFormat.TEXT);
        outgoing.offer(handshake.error(error));
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
            closingSince = System.nanoTime();
            transport.startClosingHandshake();
        });
    }

    private void onMessage(HubMessage message) {
        if (!closing.get()) {
            calls.route(message);
        }
    }

    /**
     * Ends what is under way with the client, on every way a connection ends: leaves the lifetime manager, fails
     * the uploads (for the hub to see the connection go), cancels the streams sent, and fails the results it owes.
     */
    private void endStreams() {
        unregister();
        calls.end();
        results.end();
    }

    private void closeWithError(String error, Throwable cause) {
        close(new CloseMessage(error, true), cause);
    }

    /**
     * Closes a client that let more than {@code bound} pile up. What waits is dropped, so memory is freed at
     * once; a Close saying which bound goes out behind the send in flight, and the transport then ends with
     * the reason too. A client that reads no more is cut off by the heartbeat after the close timeout.
     */
    private void closeSlowClient(String bound) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        String reason = "Client too slow: more than " + bound + " waiting to be sent.";
        log.warn("Closing connection {}: {}", connectionId, reason);
        closingSince = System.nanoTime();
        closeError = new IOException(reason);
        endStreams();
        TransportSender transport = sender;
        outgoing.closeWith(protocol.write(new CloseMessage("Connection closed with an error. " + reason, true)),
                () -> transport.close(reason));
    }

    private void onSendFailure(Throwable failure) {
        log.debug("Send to connection {} failed", connectionId, failure);
        if (closeError == null) {
            closeError = failure;
        }
        closingSince = System.nanoTime();
        closing.set(true);
        endStreams();
        sender.abort();
    }
}
