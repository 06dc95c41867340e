package dev.switchboard.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.io.NIOInputStream;
import org.glassfish.grizzly.http.server.Request;

/**
 * Reads a request body as it arrives, holding no thread while a slow client sends it, up to a limit: what
 * {@link PostBodyReader} and {@link RequestBody} share. A subclass hands the whole body on ({@link #deliver}) and
 * answers one over the limit ({@link #overLimit}) or one that cannot be read ({@link #onError}), claiming that one
 * outcome with {@link #finish()}, after which nothing more is read.
 */
abstract class BodyReader implements ReadHandler {

    private final NIOInputStream in;
    private final long maxBody;
    /** The declared length, or -1 for a chunked body. */
    private final long contentLength;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean finished;

    BodyReader(Request request, long maxBody) {
        this.in = request.getNIOInputStream();
        this.maxBody = maxBody;
        this.contentLength = request.getContentLengthLong();
    }

    /** Hands on the whole body; the reader is not finished yet. */
    abstract void deliver(byte[] body);

    /** Answers a body over {@link #maxBody()}; the reader is not finished yet. */
    abstract void overLimit() throws IOException;

    /** Starts reading, on a suspended response. */
    final void start() {
        in.notifyAvailable(this);
    }

    final long maxBody() {
        return maxBody;
    }

    /** {@return true the first time only, for the one who answers or hands the body on} */
    final boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        return true;
    }

    @Override
    public final synchronized void onDataAvailable() throws IOException {
        if (!take()) {
            return;
        }
        // Grizzly may run this handler on a worker while the selector thread goes on to mark the input finished;
        // registered again in between, it can miss onAllDataRead, and a POST read whole was never answered (seen
        // under load: all its bytes taken, the input finished, no onAllDataRead). A body with all its declared
        // bytes, or whose input has finished, is complete without waiting for that notification.
        boolean complete = contentLength >= 0 && body.size() >= contentLength;
        if (!complete && in.isFinished()) {
            if (!take()) {
                return;
            }
            complete = true;
        }
        if (complete) {
            deliver(body.toByteArray());
        } else {
            in.notifyAvailable(this);
        }
    }

    @Override
    public final synchronized void onAllDataRead() throws IOException {
        if (take()) {
            deliver(body.toByteArray());
        }
    }

    /** Takes what has arrived; false once the reader has finished, or the body is over the limit, now answered. */
    private boolean take() throws IOException {
        if (finished) {
            return false;
        }
        byte[] chunk = new byte[in.readyData()];
        int read = in.read(chunk);
        if (read > 0) {
            body.write(chunk, 0, read);
        }
        if (body.size() > maxBody) {
            overLimit();
            return false;
        }
        return true;
    }
}
