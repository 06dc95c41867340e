package dev.switchboard.internal.connection;

import dev.switchboard.ConnectionHandler;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubOptions;
import dev.switchboard.HubUser;
import dev.switchboard.LogSafe;
import dev.switchboard.RawConnection;
import dev.switchboard.RawMessage;
import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.ProtocolException;
import dev.switchboard.internal.protocol.TransferFormat;
import dev.switchboard.internal.transport.TransportListener;
import dev.switchboard.internal.transport.TransportSender;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection to a {@link ConnectionHandler}: bytes in and out with no hub protocol and no handshake,
 * as ASP.NET Core's connection handlers have them. A transport taking it up connects it at once. The handler's
 * callbacks run one at a time on the hub executor, through an {@link InvocationQueue}; what waits there is
 * bounded, and a client that outruns its handler is disconnected. What it sends goes through the same bounded
 * {@link OutgoingQueue} as a hub's, each payload in its own format ({@link RawSender}).
 */
public final class RawConnectionContext implements ServerConnection, RawConnection {

    private static final Logger log = LoggerFactory.getLogger(RawConnectionContext.class);

    private final String connectionId;
    private final String connectionToken;
    private final HubOptions options;
    private final ConnectionHandler handler;
    private final InvocationQueue inbox;
    private final OutgoingQueue outgoing;
    /** What each waiting message is charged beyond its bytes, so that empty messages too are bounded in number. */
    private static final int MESSAGE_OVERHEAD = 64;

    /** The most bytes of the client's messages (with {@link #MESSAGE_OVERHEAD} each) that may wait for the handler. */
    private final long maxInboxBytes;
    private final AtomicLong inboxBytes = new AtomicLong();
    private final AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.NEGOTIATED);
    private final long createdAt = System.nanoTime();
    private volatile long closingSince;
    private volatile TransportSender transport;
    private volatile RawSender sender;
    private volatile HubUser user;
    private volatile Consumer<RawMessage> onMessage;
    private volatile Consumer<Throwable> onClose;
    private volatile Runnable onEnded;
    /** Why the server is closing the connection, reported to the handler once the transport has ended. */
    private volatile Throwable closeError;

    public RawConnectionContext(String connectionId, String connectionToken, HubOptions options,
                                ConnectionHandler handler, Executor hubExecutor, Executor sendExecutor) {
        this.connectionId = connectionId;
        this.connectionToken = connectionToken;
        this.options = options;
        this.handler = handler;
        // The handler hears of one message at a time, in order.
        this.inbox = new InvocationQueue(hubExecutor, 1);
        this.outgoing = new OutgoingQueue(options.maximumSendBufferSize(), options.maximumSendBufferMessages(),
                this::sendFailed, sendExecutor);
        this.maxInboxBytes = Math.max(1024 * 1024, 4L * options.maximumReceiveMessageSize());
    }

    // ---- transport side

    @Override
    public boolean attach(TransportSender carrier, ConnectionRequest transportRequest) {
        if (!state.compareAndSet(ConnectionState.NEGOTIATED, ConnectionState.CONNECTED)) {
            return false;
        }
        RawSender raw = new RawSender(carrier);
        this.transport = carrier;
        this.sender = raw;
        outgoing.attach(raw);
        run(() -> handler.onConnected(this));
        return true;
    }

    @Override
    public TransportListener listenerFor(TransportSender carrier) {
        return this;
    }

    /** A raw connection is never offered stateful reconnect, so it never waits for a new WebSocket. */
    @Override
    public TransportListener resume(TransportSender carrier) {
        return null;
    }

    @Override
    public void offerStatefulReconnect() {
        throw new IllegalStateException("Connection handlers have no stateful reconnect");
    }

    @Override
    public void receive(ByteBuffer data) {
        receive(data, false);
    }

    @Override
    public void receive(ByteBuffer data, boolean text) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        deliver(new RawMessage(bytes, text));
    }

    private void deliver(RawMessage message) {
        if (state.get() != ConnectionState.CONNECTED) {
            return;
        }
        int size = message.data().length;
        if (size > options.maximumReceiveMessageSize()) {
            fail("The maximum message size of " + options.maximumReceiveMessageSize() + "B was exceeded.");
            return;
        }
        long charge = size + MESSAGE_OVERHEAD;
        if (inboxBytes.addAndGet(charge) > maxInboxBytes) {
            fail("The server's handler did not keep up with the client's messages.");
            return;
        }
        run(() -> {
            inboxBytes.addAndGet(-charge);
            Consumer<RawMessage> listener = onMessage;
            if (listener != null && state.get() == ConnectionState.CONNECTED) {
                listener.accept(message);
            }
        });
    }

    @Override
    public void transportClosed(Throwable error) {
        if (state.getAndSet(ConnectionState.CLOSED) != ConnectionState.CLOSED) {
            ended(error != null ? error : closeError);
        }
    }

    // ---- the handler's side

    @Override
    public CompletableFuture<Void> send(String text) {
        return offer(text.getBytes(StandardCharsets.UTF_8), TransferFormat.TEXT);
    }

    @Override
    public CompletableFuture<Void> send(byte[] data) {
        return offer(data, TransferFormat.BINARY);
    }

    private CompletableFuture<Void> offer(byte[] data, TransferFormat format) {
        RawSender raw = sender;
        if (raw == null || state.get() != ConnectionState.CONNECTED) {
            return CompletableFuture.failedFuture(new IOException("The connection has ended"));
        }
        OutgoingQueue.Offer offered;
        synchronized (raw.lock()) {
            raw.queued(format);
            offered = outgoing.offer(new Payload(data));
            if (offered != OutgoingQueue.Offer.QUEUED) {
                raw.refused();
            }
        }
        return switch (offered) {
            case QUEUED -> CompletableFuture.completedFuture(null);
            case CLOSED -> CompletableFuture.failedFuture(new IOException("The connection has ended"));
            case TOO_MANY_BYTES, TOO_MANY_MESSAGES -> {
                String bound = offered == OutgoingQueue.Offer.TOO_MANY_BYTES
                        ? options.maximumSendBufferSize() + " bytes" : options.maximumSendBufferMessages() + " messages";
                String reason = "The client is too slow: more than " + bound + " wait to be sent.";
                fail(reason);
                yield CompletableFuture.failedFuture(new IOException(reason));
            }
        };
    }

    @Override
    public void onMessage(Consumer<RawMessage> listener) {
        this.onMessage = listener;
    }

    @Override
    public void onClose(Consumer<Throwable> listener) {
        this.onClose = listener;
    }

    @Override
    public void close() {
        ConnectionState was = beginClosing();
        if (was == null) {
            return;
        }
        // The close timeout runs from now, as a hub's does: a client that stopped reading never lets the drain end.
        closingSince = System.nanoTime();
        RawSender raw = sender;
        if (raw == null) {
            transportClosed(null);
            return;
        }
        outgoing.closeAfterDrain(() -> {
            closingSince = System.nanoTime();
            // A WebSocket has a closing handshake, which the client's close frame ends; the HTTP transports end
            // from the server's side, and with them the connection: the event stream's response ends, a poll is
            // answered with 204.
            if (raw.type() == Transport.WEB_SOCKETS) {
                raw.startClosingHandshake();
            } else {
                raw.finish();
                transportClosed(null);
            }
        });
    }

    /** Ends the connection for what the client did, telling it {@code reason} where the transport can. */
    private void fail(String reason) {
        if (beginClosing() == null) {
            return;
        }
        log.debug("Raw connection {} closes: {}", connectionId, reason);
        closeError = new ProtocolException(reason);
        closingSince = System.nanoTime();
        outgoing.discard();
        RawSender raw = sender;
        if (raw != null) {
            raw.close(reason);
        } else {
            transportClosed(null);
        }
    }

    private void sendFailed(Throwable failure) {
        log.debug("Send to raw connection {} failed: {}", connectionId, LogSafe.escape(failure));
        closeError = failure;
        outgoing.discard();
        RawSender raw = sender;
        if (raw != null) {
            raw.abort();
        }
        transportClosed(failure);
    }

    // ---- the server's side

    @Override
    public CompletableFuture<Void> drain(CloseMessage goingAway) {
        close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close(CloseMessage message, Throwable error) {
        close();
    }

    @Override
    public void terminate() {
        outgoing.discard();
        transportClosed(null);
        TransportSender carrier = transport;
        if (carrier != null) {
            carrier.abort();
        }
    }

    /** A negotiated connection no transport took up within the disconnect timeout expires; a connected one that has
     * sent nothing for the keep-alive interval has its transport write a keep-alive (a comment on an event stream,
     * so that a host notices a client that left); a closing one that its client did not end within the close
     * timeout is cut. */
    @Override
    public boolean tick(long now) {
        ConnectionState current = state.get();
        if (current == ConnectionState.NEGOTIATED && now - createdAt > options.disconnectTimeout().toNanos()) {
            if (state.compareAndSet(ConnectionState.NEGOTIATED, ConnectionState.CLOSED)) {
                log.debug("Negotiated raw connection {} was never used and expired", connectionId);
                ended(null);
            }
        } else if (current == ConnectionState.CONNECTED) {
            RawSender raw = sender;
            if (raw != null && now - raw.lastWrite() >= options.keepAliveInterval().toNanos()) {
                outgoing.keepAlive();
            }
        } else if (current == ConnectionState.CLOSING) {
            long since = closingSince;
            if (since != 0 && now - since > ConnectionTimers.CLOSE_TIMEOUT_NANOS) {
                terminate();
            }
        }
        return state.get() != ConnectionState.CLOSED;
    }

    private ConnectionState beginClosing() {
        while (true) {
            ConnectionState current = state.get();
            if (current == ConnectionState.CLOSING || current == ConnectionState.CLOSED) {
                return null;
            }
            if (state.compareAndSet(current, ConnectionState.CLOSING)) {
                return current;
            }
        }
    }

    /** The connection is over: the handler hears of it after its last message, and the manager forgets it. */
    private void ended(Throwable error) {
        outgoing.discard();
        if (transport != null) {
            run(() -> {
                Consumer<Throwable> listener = onClose;
                if (listener != null) {
                    listener.accept(error);
                }
            });
        }
        Runnable listener = onEnded;
        if (listener != null) {
            listener.run();
        }
    }

    /** Runs the handler's code in turn; what it throws closes the connection. */
    private void run(Runnable work) {
        inbox.submit(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("Connection handler {} failed on connection {}", handler.getClass().getName(),
                        connectionId, e);
                fail("The connection handler failed.");
            }
            return null;
        });
    }

    // ---- what both sides read

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String connectionToken() {
        return connectionToken;
    }

    @Override
    public ConnectionState state() {
        return state.get();
    }

    @Override
    public Transport transport() {
        TransportSender carrier = transport;
        return carrier == null ? null : carrier.type();
    }

    @Override
    public HubUser user() {
        return user;
    }

    @Override
    public void user(HubUser value) {
        this.user = value;
    }

    @Override
    public void onEnded(Runnable listener) {
        this.onEnded = listener;
    }

    @Override
    public String toString() {
        return "RawConnectionContext[" + connectionId + ", " + state.get() + "]";
    }
}
