package dev.switchboard.internal.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.Response;

/** Small, complete HTTP answers: a status with a plain-text reason, or a JSON body. */
final class HttpResponses {

    private HttpResponses() {
    }

    static void text(Response response, int status, String body) throws IOException {
        write(response, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    static void json(Response response, byte[] body) throws IOException {
        write(response, 200, "application/json", body);
    }

    private static void write(Response response, int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-cache, no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
