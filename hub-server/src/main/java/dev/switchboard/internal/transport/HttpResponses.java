package dev.switchboard.internal.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.Response;

/** Small, complete HTTP answers: a status with a plain-text reason, or a JSON body. */
final class HttpResponses {

    static final String RETRY_AFTER_SECONDS = "5";

    private HttpResponses() {
    }

    static void text(Response response, int status, String body) throws IOException {
        write(response, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** 503 with a reason and a hint to retry: the server is at its connection limit, or shutting down. */
    static void full(Response response, ConnectionManager connections) throws IOException {
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        text(response, 503, fullReason(connections));
    }

    static String fullReason(ConnectionManager connections) {
        if (connections.stopping()) {
            return "Server is shutting down; try again later.";
        }
        return "Server is at its limit of " + connections.maxConnections() + " connections; try again later.";
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
