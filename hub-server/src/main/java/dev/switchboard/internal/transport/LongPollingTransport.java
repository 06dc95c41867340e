package dev.switchboard.internal.transport;

import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long polling for one connection: a poll takes everything the connection has to send, in order, as one
 * response. A send completes only once a poll has taken it, so the client's polls pace the connection's
 * outgoing queue, whose bound then applies as on the other transports. A poll with nothing to take is
 * held, holding no thread, until data comes or the poll timeout answers it empty. A newer poll ends the
 * one waiting with 204, as does the end of the connection once what remained has been delivered.
 */
public final class LongPollingTransport implements TransportSender {

    private static final Logger log = LoggerFactory.getLogger(LongPollingTransport.class);
    /** The header fields of every answer to a poll, which no cache may keep. */
    static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-cache, no-store", "Pragma", "no-cache",
            "Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
    /** The type of an answer that carries records. */
    static final String CONTENT_TYPE = "application/octet-stream";

    private final TransportListener connection;
    private final Duration pollTimeout;
    private final Duration disconnectTimeout;
    /** What the connection sent and no poll has taken yet: one payload, as it has one send in flight. */
    private Payload pending;
    /** Completes the send of {@link #pending} once a poll has taken it. */
    private Consumer<Throwable> onTaken;
    /** The poll being held; cleared without the lock by the host's cancellation, see {@link #hold}. */
    private final AtomicReference<PollResponse> waiting = new AtomicReference<>();
    /** Polls whose answers wait for their clients to take them. */
    private final Set<PollResponse> answering = ConcurrentHashMap.newKeySet();
    private boolean ended;
    private volatile long idleSince = System.nanoTime();

    /**
     * @param pollTimeout how long a poll with nothing to take is held
     * @param disconnectTimeout how long the client may go without a poll before the transport ends
     */
    public LongPollingTransport(TransportListener connection, Duration pollTimeout, Duration disconnectTimeout) {
        this.connection = connection;
        this.pollTimeout = pollTimeout;
        this.disconnectTimeout = disconnectTimeout;
    }

    /**
     * A poll: answered now when data waits or the connection is over, held otherwise. Even an answer ready
     * now is written without blocking this request thread, which a client that does not read would hold.
     */
    public void poll(PollResponse response) {
        Payload first;
        Consumer<Throwable> taken;
        synchronized (this) {
            PollResponse replaced = waiting.getAndSet(null);
            if (replaced != null) {
                finish(replaced, 204);
            }
            if (pending == null && !ended) {
                hold(response);
                return;
            }
            first = pending;
            taken = onTaken;
            pending = null;
            onTaken = null;
            idleSince = System.nanoTime();
        }
        if (first == null) {
            finish(response, 204);
            connection.transportClosed(null);
            return;
        }
        // Completing the send lets the connection send at once what queued behind it: this poll takes that too.
        taken.accept(null);
        Payload queuedBehind = takeNext();
        respond(response, 200, (queuedBehind == null ? first : Payload.concat(List.of(first, queuedBehind))).bytes());
    }

    /** {@code DELETE}: the client ends the connection; a waiting poll learns it with 204. */
    public void delete() {
        // The connection ends first, so that nothing sent meanwhile fails and turns a normal stop into an error.
        connection.transportClosed(null);
        end();
    }

    @Override
    public Transport type() {
        return Transport.LONG_POLLING;
    }

    @Override
    public void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
        Payload payload = Payload.concat(batch);
        Throwable failure = null;
        synchronized (this) {
            if (ended) {
                failure = new IOException("The long polling connection has ended");
            } else {
                PollResponse poll = waiting.getAndSet(null);
                if (poll == null) {
                    pending = payload;
                    onTaken = done;
                    return;
                }
                respond(poll, 200, payload.bytes());
            }
        }
        done.accept(failure);
    }

    /**
     * A poll has taken the Close, which says why; the poll after it, or one waiting, learns the end with 204
     * as after a DELETE.
     */
    @Override
    public void close(String reason) {
        delete();
    }

    /**
     * Drops what waits; its send never completes, as the connection is ending. Sockets still taking an
     * answer are dropped too: their clients stopped reading, and would hold its bytes.
     */
    @Override
    public void abort() {
        synchronized (this) {
            pending = null;
            onTaken = null;
        }
        end();
        for (PollResponse response : answering) {
            response.terminate();
        }
    }

    @Override
    public boolean inherentKeepAlive() {
        return true;
    }

    /**
     * Ends the transport when no poll has been waiting for the disconnect timeout: the client stopped polling.
     * Called by the heartbeat; the polls are this transport's keep-alive, so their absence is its to judge.
     */
    public void expireIfIdle(long now) {
        long idle = idleSince;
        if (waiting.get() != null || ended() || now - idle <= disconnectTimeout.toNanos()) {
            return;
        }
        log.debug("{} stopped polling", connection);
        abort();
        connection.transportClosed(new TimeoutException("No poll from the client for "
                + disconnectTimeout.toMillis() + " ms."));
    }

    private synchronized boolean ended() {
        return ended;
    }

    private synchronized void end() {
        ended = true;
        if (pending == null) {
            PollResponse poll = waiting.getAndSet(null);
            if (poll != null) {
                finish(poll, 204);
            }
        }
    }

    private void hold(PollResponse response) {
        waiting.set(response);
        // The host may call these holding its own lock on the response, while our paths answer responses holding
        // ours: they take no lock, and act only if the response is still the one held.
        response.hold(pollTimeout.toMillis(), () -> {
            if (waiting.compareAndSet(response, null)) {
                idleSince = System.nanoTime();
            }
        }, () -> {
            if (waiting.compareAndSet(response, null)) {
                respond(response, 200, new byte[0]);
            }
        });
    }

    /** Completes a held poll on any thread. The client counts as idle from when the answer has been written. */
    private void respond(PollResponse response, int status, byte[] body) {
        answering.add(response);
        response.answer(status, body, () -> {
            answering.remove(response);
            idleSince = System.nanoTime();
        });
    }

    private void finish(PollResponse response, int status) {
        respond(response, status, new byte[0]);
    }

    /** Takes what waits, completing its send; null when nothing does. */
    private Payload takeNext() {
        Payload next;
        Consumer<Throwable> taken;
        synchronized (this) {
            next = pending;
            taken = onTaken;
            pending = null;
            onTaken = null;
        }
        if (taken != null) {
            taken.accept(null);
        }
        return next;
    }
}
