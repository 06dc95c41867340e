package dev.switchboard.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.Response;

/** Small, complete HTTP answers: a status with a plain-text reason, or a JSON body. */
public final class HttpResponses {

    public static final String RETRY_AFTER_SECONDS = "5";
    /** The body of a 429 to a client address over its negotiate rate. */
    public static final String TOO_MANY_NEGOTIATES = "Too many negotiate requests from this address; try again later.";

    private HttpResponses() {
    }

    static void text(Response response, int status, String body) throws IOException {
        write(response, status, null, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A status without a body, as ASP.NET Core answers 401 and 403: clients report the status's reason phrase. */
    static void empty(Response response, int status) {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-cache, no-store");
        response.setContentLength(0);
    }

    /** 503 with a reason and a hint to retry: the server is at its connection limit, or shutting down. */
    static void full(Response response, ConnectionManager connections) throws IOException {
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        text(response, 503, fullReason(connections));
    }

    /**
     * 429 with a reason and when to retry: the client's address has negotiated too often. Grizzly knows no
     * reason phrase for 429, so it is given here.
     */
    static void tooManyRequests(Response response, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(response, 429, "Too Many Requests", "text/plain; charset=utf-8",
                TOO_MANY_NEGOTIATES.getBytes(StandardCharsets.UTF_8));
    }

    public static String fullReason(ConnectionManager connections) {
        if (connections.stopping()) {
            return "Server is shutting down; try again later.";
        }
        return "Server is at its limit of " + connections.maxConnections() + " connections; try again later.";
    }

    static void json(Response response, byte[] body) throws IOException {
        write(response, 200, null, "application/json", body);
    }

    /** @param reason the status line's reason phrase, or null for Grizzly's own */
    private static void write(Response response, int status, String reason, String contentType, byte[] body)
            throws IOException {
        if (reason == null) {
            response.setStatus(status);
        } else {
            response.setStatus(status, reason);
        }
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-cache, no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
