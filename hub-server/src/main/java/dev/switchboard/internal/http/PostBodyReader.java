package dev.switchboard.internal.http;

import dev.switchboard.LogSafe;
import dev.switchboard.internal.transport.TransportListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.io.NIOInputStream;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a POST's records as they arrive, holding no thread while a slow client sends them, and hands the
 * whole body to the connection: 200 once accepted, 413 over the limit, 400 when it cannot be read.
 */
final class PostBodyReader implements ReadHandler {

    private static final Logger log = LoggerFactory.getLogger(PostBodyReader.class);

    private final TransportListener connection;
    private final NIOInputStream in;
    private final Response response;
    private final int maxBody;
    /** The declared length, or -1 for a chunked body. */
    private final long contentLength;
    /** Whether the body is text ({@code text/*}), for connections that tell text from bytes. */
    private final boolean text;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean answered;

    private PostBodyReader(TransportListener connection, Request request, Response response, int maxBody) {
        this.connection = connection;
        this.in = request.getNIOInputStream();
        this.response = response;
        this.maxBody = maxBody;
        this.contentLength = request.getContentLengthLong();
        String type = request.getContentType();
        this.text = type != null && type.regionMatches(true, 0, "text/", 0, 5);
    }

    static void read(TransportListener connection, Request request, Response response, int maxBody) throws IOException {
        if (request.getContentLengthLong() > maxBody) {
            HttpResponses.text(response, 413, "A POST carries at most " + maxBody + " bytes.");
            return;
        }
        PostBodyReader reader = new PostBodyReader(connection, request, response, maxBody);
        response.suspend();
        reader.in.notifyAvailable(reader);
    }

    @Override
    public synchronized void onDataAvailable() throws IOException {
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

    private void deliver() {
        connection.receive(ByteBuffer.wrap(body.toByteArray()), text);
        answer(200, null);
    }

    @Override
    public synchronized void onError(Throwable failure) {
        // The client's doing: its text, escaped since it may quote the client, and no stack trace.
        log.debug("A POST body could not be read: {}", LogSafe.escape(failure));
        answer(400, "The request body could not be read.");
    }

    /** Takes what has arrived; false once the body is over the limit, which has been answered. */
    private boolean take() throws IOException {
        if (answered) {
            return false;
        }
        byte[] chunk = new byte[in.readyData()];
        int read = in.read(chunk);
        if (read > 0) {
            body.write(chunk, 0, read);
        }
        if (body.size() > maxBody) {
            answer(413, "A POST carries at most " + maxBody + " bytes.");
            return false;
        }
        return true;
    }

    private void answer(int status, String reason) {
        if (answered) {
            return;
        }
        answered = true;
        try {
            if (reason == null) {
                response.setStatus(status);
                response.setContentLength(0);
            } else {
                HttpResponses.text(response, status, reason);
            }
        } catch (IOException e) {
            log.debug("A POST could not be answered", e);
        } finally {
            response.resume();
        }
    }
}
