package dev.switchboard.internal.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.tyrus.spi.ReadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every byte of one upgraded socket before Tyrus does, frame header by frame header, and fails the
 * connection itself on what RFC 6455 forbids and on what would make Tyrus hold more than a bound: Tyrus
 * assembles a fragmented message whole before any limit applies, queues a pong for every ping whether the
 * client reads or not, and answers impossible lengths with 1011 and a stack trace. Headers may be split
 * across reads; payloads pass on to Tyrus as they come and are never buffered here.
 *
 * <ul>
 * <li>Unmasked frames, reserved bits (no extension is ever negotiated), unknown opcodes, fragmented control
 * frames or ones longer than 125 bytes, a continuation with no message started and a new message inside a
 * fragmented one: 1002.</li>
 * <li>A 64-bit length with its top bit set, a frame longer than the bound and fragments whose sum passes it:
 * 1009, as soon as the header shows it.</li>
 * </ul>
 * Failing writes a close frame with the code and a short reason straight to the socket and closes the socket
 * once it is written, or after {@link #CLOSE_WRITE_SECONDS} when the client does not read; it logs one line.
 *
 * <p>Pings are answered here and never reach Tyrus. At most one pong is unsent at a time: pings that come
 * meanwhile are dropped, as RFC 6455 §5.5.3 allows, so a client that never reads piles nothing up.
 *
 * <p>The server's side of the closing handshake goes through {@link #sendClose}: from then on everything the
 * client sends is dropped, and its close frame ends the socket.
 */
final class WebSocketFrameGuard {

    private static final int PROTOCOL_ERROR = 1002;
    private static final int MESSAGE_TOO_BIG = 1009;
    /** How long a failed connection's close frame may take to leave before the socket is cut. */
    private static final long CLOSE_WRITE_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(WebSocketFrameGuard.class);
    private static final int CONTINUATION = 0x0;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;

    /**
     * Where the connection is: open; closing after the close frame sent from here, or one Tyrus sends; closing
     * after the client's close frame, which Tyrus answers; or failed here.
     */
    private enum State { OPEN, CLOSE_SENT, TYRUS_CLOSING, CLOSE_RECEIVED, FAILED }

    /** Why the guard failed the connection: the close code and reason it sent. */
    record Failure(int code, String reason) {
    }

    private final Connection<?> socket;
    private final long maxMessage;
    private final String tooBig;
    private final ScheduledExecutorService timer;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    /**
     * Of the two steps that end a closing handshake begun here, the server's close frame queued and the client's
     * read, how many are done: whichever is second closes the socket, so that it never closes before the frame.
     */
    private final AtomicInteger closeSteps = new AtomicInteger();
    private final FrameHeader header = new FrameHeader();
    private volatile ReadHandler reader;
    private volatile boolean pongUnsent;
    private volatile Failure failure;

    // The rest is the reading thread's alone: Grizzly reads one socket on one thread at a time.
    /** Where the header being read starts in the current buffer; -1 when it began in an earlier read. */
    private int headerStart = -1;
    private boolean inPayload;
    private long payloadLeft;
    private boolean passing;
    /** The client's close frame has been read: nothing after it is. */
    private boolean ended;
    private boolean closeFrame;
    /** The payload of a ping being answered, unmasked at its end; null when the ping is dropped. */
    private byte[] ping;
    private int pingFilled;
    private boolean fragmented;
    private long messageLength;

    /**
     * @param maxMessageSize the largest message, its fragments added up, that the endpoint reads
     * @param framing what a message may carry on top of that: a hub's record separator
     * @param timer bounds the wait for a failed connection's close frame to be written
     */
    WebSocketFrameGuard(Connection<?> socket, int maxMessageSize, int framing, ScheduledExecutorService timer) {
        this.socket = socket;
        this.maxMessage = (long) maxMessageSize + framing;
        this.tooBig = "The maximum message size of " + maxMessageSize + "B was exceeded.";
        this.timer = timer;
    }

    /** What passes goes to {@code next}, from the first read on. */
    void passTo(ReadHandler next) {
        this.reader = next;
    }

    /** Reads the socket's next bytes, in order: what passes goes on to Tyrus, in one piece where it can. */
    void read(ByteBuffer in) {
        int limit = in.limit();
        int at = in.position();
        int span = inPayload && passing ? at : -1;
        headerStart = -1;
        while (at < limit) {
            if (ended || state.get() == State.FAILED) {
                return;
            }
            if (!inPayload) {
                if (header.length() == 0) {
                    headerStart = at;
                }
                header.add(in.get(at++));
                Failure error = check();
                if (error != null) {
                    pass(in, span, headerStart);
                    fail(error);
                    return;
                }
                if (!header.complete()) {
                    continue;
                }
                span = startFrame(in, span, at);
            } else {
                int length = (int) Math.min(limit - at, payloadLeft);
                if (ping != null) {
                    in.get(at, ping, pingFilled, length);
                    pingFilled += length;
                }
                at += length;
                payloadLeft -= length;
            }
            if (payloadLeft == 0 && !endFrame()) {
                pass(in, span, at);
                return;
            }
        }
        // A header not yet whole is held back until it is decided on.
        pass(in, span, inPayload || header.length() == 0 ? limit : headerStart);
    }

    /** Decides on the frame whose header ends before {@code at}; returns where the passing bytes now start. */
    private int startFrame(ByteBuffer in, int span, int at) {
        passing = decide();
        payloadLeft = header.payloadLength();
        inPayload = true;
        if (!passing) {
            pass(in, span, headerStart);
            return -1;
        }
        if (span >= 0) {
            return span;
        }
        if (headerStart >= 0) {
            return headerStart;
        }
        // The header began in an earlier read, which held it back until it was whole.
        reader.handle(ByteBuffer.wrap(header.bytes(), 0, header.length()));
        return at;
    }

    /** The first rule the header breaks as far as it has arrived, or null. */
    private Failure check() {
        int read = header.length();
        if (read == 2) {
            String broken = header.protocolError(fragmented);
            if (broken != null) {
                return new Failure(PROTOCOL_ERROR, broken);
            }
        }
        if (read == header.lengthEnd()) {
            long length = header.payloadLength();
            int opcode = header.opcode();
            long before = opcode == CONTINUATION ? messageLength : 0;
            if (length < 0 || opcode < CLOSE && length > maxMessage - before) {
                return new Failure(MESSAGE_TOO_BIG, tooBig);
            }
        }
        return null;
    }

    /**
     * Whether the whole header's frame goes on to Tyrus (data and pongs while open, the client's close frame
     * unless the server's went first); keeps count of the message it belongs to.
     */
    private boolean decide() {
        int opcode = header.opcode();
        long length = header.payloadLength();
        closeFrame = false;
        ping = null;
        if (opcode == TEXT || opcode == BINARY) {
            fragmented = !header.fin();
            messageLength = length;
        } else if (opcode == CONTINUATION) {
            messageLength += length;
            fragmented = !header.fin();
        } else if (opcode == CLOSE) {
            closeFrame = true;
            if (state.compareAndSet(State.OPEN, State.CLOSE_RECEIVED)) {
                // Tyrus answers and closes behind what is queued, which a client that no longer reads never takes.
                cutIfStillOpenAfterBound();
                return true;
            }
            return false;
        } else if (opcode == PING) {
            if (state.get() == State.OPEN && !pongUnsent) {
                ping = new byte[(int) length];
                pingFilled = 0;
            }
            return false;
        }
        return state.get() == State.OPEN;
    }

    /** A frame's payload is all read; false when nothing more is to be read from the socket. */
    private boolean endFrame() {
        inPayload = false;
        if (ping != null) {
            byte[] answer = ping;
            ping = null;
            header.unmask(answer);
            answerPing(answer);
        }
        header.reset();
        if (!closeFrame) {
            return true;
        }
        ended = true;
        if (state.get() == State.CLOSE_SENT) {
            // The client answered the server's close frame.
            closeStepDone();
        }
        return false;
    }

    private void answerPing(byte[] payload) {
        pongUnsent = true;
        write(WebSocketFrames.pong(payload), () -> pongUnsent = false);
    }

    private void pass(ByteBuffer in, int from, int to) {
        if (from < 0 || to <= from) {
            return;
        }
        reader.handle(from == in.position() && to == in.limit() ? in : in.slice(from, to - from));
    }

    private void fail(Failure error) {
        State before = state.getAndSet(State.FAILED);
        if (before == State.FAILED) {
            return;
        }
        failure = error;
        log.debug("WebSocket from {} failed with {}: {}", socket.getPeerAddress(), error.code(), error.reason());
        if (before == State.CLOSE_SENT) {
            // The client broke the protocol while closing: the socket closes behind the server's close frame.
            closeStepDone();
            return;
        }
        if (before != State.OPEN) {
            // Tyrus is closing the socket behind its close frame.
            return;
        }
        ScheduledFuture<?> cut;
        try {
            cut = timer.schedule(socket::terminateSilently, CLOSE_WRITE_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            socket.terminateSilently();
            return;
        }
        write(WebSocketFrames.close(error.code(), error.reason()), () -> {
            cut.cancel(false);
            socket.closeSilently();
        });
    }

    /**
     * Sends the server's close frame, straight to the socket behind what was written before, unless the
     * connection is closing already; from then on the client's frames are dropped, and its close frame ends
     * the socket.
     *
     * @return false when the client's close frame came first (Tyrus answers it) or the guard failed the
     *         connection
     */
    boolean sendClose(int code, String reason) {
        if (!state.compareAndSet(State.OPEN, State.CLOSE_SENT)) {
            return false;
        }
        write(WebSocketFrames.close(code, reason), () -> { });
        closeStepDone();
        return true;
    }

    private void closeStepDone() {
        if (closeSteps.incrementAndGet() == 2) {
            socket.closeSilently();
        }
    }

    /**
     * Tyrus sends the close frame, and closes the socket once it is written: nothing more is answered or passed
     * on here.
     */
    void closedByTyrus() {
        if (state.compareAndSet(State.OPEN, State.TYRUS_CLOSING)) {
            cutIfStillOpenAfterBound();
        }
    }

    /**
     * Tyrus closes the socket once what is queued is written, with no bound: its connection has ended by then, and
     * the heartbeat no longer watches it. A client that has stopped reading is cut after the bound.
     */
    private void cutIfStillOpenAfterBound() {
        try {
            ScheduledFuture<?> cut = timer.schedule(socket::terminateSilently, CLOSE_WRITE_SECONDS, TimeUnit.SECONDS);
            socket.addCloseListener((closed, type) -> cut.cancel(false));
        } catch (RejectedExecutionException e) {
            socket.terminateSilently();
        }
    }

    /**
     * Whether a close frame has gone out, or is going (Tyrus answers the client's at once): nothing more may be
     * written to the socket.
     */
    boolean outputClosed() {
        return state.get() != State.OPEN;
    }

    /** Whether the server's close frame went out before the connection ended, and the guard did not fail it. */
    boolean closedByServer() {
        State current = state.get();
        return current == State.CLOSE_SENT || current == State.TYRUS_CLOSING;
    }

    /** Why the guard failed the connection, or null while it has not. */
    Failure failure() {
        return failure;
    }

    @SuppressWarnings("unchecked")
    private void write(byte[] frame, Runnable then) {
        Connection<Object> target = (Connection<Object>) socket;
        target.write(Buffers.wrap(target.getMemoryManager(), frame),
                WebSocketTransport.completion(failure -> then.run()));
    }
}
