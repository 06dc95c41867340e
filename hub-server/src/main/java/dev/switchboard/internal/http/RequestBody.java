package dev.switchboard.internal.http;

import dev.switchboard.LogSafe;
import java.io.IOException;
import java.util.function.Consumer;
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
final class RequestBody extends BodyReader {

    private static final Logger log = LoggerFactory.getLogger(RequestBody.class);
    private static final byte[] NONE = new byte[0];

    private final Response response;
    private final Consumer<byte[]> then;

    private RequestBody(Request request, Response response, long maxBody, Consumer<byte[]> then) {
        super(request, maxBody);
        this.response = response;
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
            new RequestBody(request, response, maxBody, then).start();
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
    void deliver(byte[] body) {
        if (finish()) {
            then.accept(body);
        }
    }

    @Override
    void overLimit() throws IOException {
        finish();
        tooLarge(response, maxBody());
    }

    @Override
    public synchronized void onError(Throwable failure) {
        if (!finish()) {
            return;
        }
        log.debug("A request body could not be read: {}", LogSafe.escape(failure));
        try {
            HttpResponses.text(response, 400, "The request body could not be read.");
        } catch (IOException e) {
            log.debug("A request could not be answered", e);
        } finally {
            response.resume();
        }
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
