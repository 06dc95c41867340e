package dev.switchboard.internal.http;

import dev.switchboard.LogSafe;
import dev.switchboard.internal.transport.TransportListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a POST's records as they arrive, holding no thread while a slow client sends them, and hands the
 * whole body to the connection: 200 once accepted, 413 over the limit, 400 when it cannot be read.
 */
final class PostBodyReader extends BodyReader {

    private static final Logger log = LoggerFactory.getLogger(PostBodyReader.class);

    private final TransportListener connection;
    private final Response response;
    /** Whether the body is text ({@code text/*}), for connections that tell text from bytes. */
    private final boolean text;

    private PostBodyReader(TransportListener connection, Request request, Response response, int maxBody) {
        super(request, maxBody);
        this.connection = connection;
        this.response = response;
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
        reader.start();
    }

    @Override
    void deliver(byte[] body) {
        connection.receive(ByteBuffer.wrap(body), text);
        answer(200, null);
    }

    @Override
    void overLimit() {
        answer(413, "A POST carries at most " + maxBody() + " bytes.");
    }

    @Override
    public synchronized void onError(Throwable failure) {
        // The client's doing: its text, escaped since it may quote the client, and no stack trace.
        log.debug("A POST body could not be read: {}", LogSafe.escape(failure));
        answer(400, "The request body could not be read.");
    }

    private void answer(int status, String reason) {
        if (!finish()) {
            return;
        }
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
