package dev.switchboard.internal.http;

import dev.switchboard.LogSafe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.io.NIOInputStream;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole request body, up to a limit: as it arrives, holding no thread while a slow client sends it, for an
 * HTTP route on a suspended response, or at once on a thread of the pipeline's for a before-handler (the socket's
 * body rate is {@link HttpDeadlines}' to judge either way). Hands the bytes on, or answers 413 over the limit and
 * 400 when the body cannot be read.
 */
final class RequestBody implements ReadHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestBody.class);
    private static final byte[] NONE = new byte[0];

    private final NIOInputStream in;
    private final Response response;
    private final long maxBody;
    private final long contentLength;
    private final Consumer<byte[]> then;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean done;

    private RequestBody(Request request, Response response, long maxBody, Consumer<byte[]> then) {
        this.in = request.getNIOInputStream();
        this.response = response;
        this.maxBody = maxBody;
        this.contentLength = request.getContentLengthLong();
        this.then = then;
    }

    /** Reads the body of a request whose response is suspended, then gives it to {@code then}. */
    static void read(Request request, Response response, long maxBody, Consumer<byte[]> then) throws IOException {
        long length = request.getContentLengthLong();
        if (length == 0 || length < 0 && !request.getRequest().isChunked()) {
            then.accept(NONE);
        } else if (length > maxBody) {
            tooLarge(response, maxBody);
        } else {
            RequestBody reader = new RequestBody(request, response, maxBody, then);
            reader.in.notifyAvailable(reader);
        }
    }

    /**
     * {@return the whole body, read on this thread, or null when it is over the limit or cannot be read, which has
     * been answered}
     */
    static byte[] readNow(Request request, Response response, long maxBody) throws IOException {
        long length = request.getContentLengthLong();
        if (length == 0 || length < 0 && !request.getRequest().isChunked()) {
            return NONE;
        }
        if (length <= maxBody) {
            try {
                byte[] body = request.getInputStream().readNBytes((int) Math.min(maxBody + 1, Integer.MAX_VALUE - 8));
                if (body.length <= maxBody) {
                    return body;
                }
            } catch (IOException e) {
                log.debug("A request body could not be read: {}", LogSafe.escape(e));
                HttpResponses.text(response, 400, "The request body could not be read.");
                return null;
            }
        }
        HttpResponses.text(response, 413, "A request body may have at most " + maxBody + " bytes.");
        return null;
    }

    @Override
    public synchronized void onDataAvailable() throws IOException {
        if (!take()) {
            return;
        }
        // As PostBodyReader: a body with all its declared bytes, or whose input has finished, is complete without
        // waiting for onAllDataRead, which a handler registered again at the wrong moment can miss.
        boolean complete = contentLength >= 0 && body.size() >= contentLength;
        if (!complete && in.isFinished()) {
            if (!take()) {
                return;
            }
            complete = true;
        }
        if (complete) {
            deliver();
        } else {
            in.notifyAvailable(this);
        }
    }

    @Override
    public synchronized void onAllDataRead() throws IOException {
        if (take()) {
            deliver();
        }
    }

    @Override
    public synchronized void onError(Throwable failure) {
        if (done) {
            return;
        }
        done = true;
        log.debug("A request body could not be read: {}", LogSafe.escape(failure));
        try {
            HttpResponses.text(response, 400, "The request body could not be read.");
        } catch (IOException e) {
            log.debug("A request could not be answered", e);
        } finally {
            response.resume();
        }
    }

    private void deliver() {
        if (!done) {
            done = true;
            then.accept(body.toByteArray());
        }
    }

    /** Takes what has arrived; false once the body is over the limit, which has been answered, or delivered. */
    private boolean take() throws IOException {
        if (done) {
            return false;
        }
        byte[] chunk = new byte[in.readyData()];
        int read = in.read(chunk);
        if (read > 0) {
            body.write(chunk, 0, read);
        }
        if (body.size() > maxBody) {
            done = true;
            tooLarge(response, maxBody);
            return false;
        }
        return true;
    }

    /** 413 on a suspended response, which it resumes. */
    private static void tooLarge(Response response, long maxBody) throws IOException {
        try {
            HttpResponses.text(response, 413, "A request body may have at most " + maxBody + " bytes.");
        } finally {
            response.resume();
        }
    }
}
