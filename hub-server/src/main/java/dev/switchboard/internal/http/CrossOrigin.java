package dev.switchboard.internal.http;

import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The {@link OriginPolicy} on the HTTP transports, answered as ASP.NET Core's CORS policy answers for SignalR:
 * an allowed foreign origin is echoed, never {@code *}, with credentials allowed, since the SignalR clients send
 * cookies by default; its preflights get 204; any other foreign origin gets 403 and no CORS headers.
 */
public final class CrossOrigin {

    private static final String ALLOWED_METHODS = "GET, POST, DELETE";
    private static final String ALLOWED_HEADERS = "X-Requested-With, X-SignalR-User-Agent, Authorization, Content-Type";
    /** How long a browser may keep a preflight's answer: ten minutes, within every browser's own cap. */
    private static final String MAX_AGE_SECONDS = "600";

    private CrossOrigin() {
    }

    /**
     * How a request was answered by the policy alone.
     *
     * @param reason the plain-text body, or null for an empty one
     */
    public record Answer(int status, String reason) {
    }

    /**
     * Applies the policy to a request before anything else is done with it, whoever hosts it: null when the
     * request goes on (CORS headers set if it is cross-origin), else its answer, a refusal or a preflight's.
     */
    public static Answer decide(OriginPolicy policy, String method, Function<String, String> header,
                                BiConsumer<String, String> setHeader, BiConsumer<String, String> addHeader) {
        OriginPolicy.Admission admission = policy.admit(header);
        if (!admission.allowed()) {
            return new Answer(403, admission.reason() + ".");
        }
        boolean preflight = "OPTIONS".equals(method) && header.apply("Origin") != null
                && header.apply("Access-Control-Request-Method") != null;
        if (admission.crossOrigin() != null) {
            setHeader.accept("Access-Control-Allow-Origin", admission.crossOrigin());
            setHeader.accept("Access-Control-Allow-Credentials", "true");
            addHeader.accept("Vary", "Origin");
        }
        if (preflight) {
            setHeader.accept("Access-Control-Allow-Methods", ALLOWED_METHODS);
            setHeader.accept("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            setHeader.accept("Access-Control-Max-Age", MAX_AGE_SECONDS);
            return new Answer(204, null);
        }
        return null;
    }

    /**
     * {@link #decide} on the embedded server: true when the request goes on, false when it has been answered.
     */
    static boolean admit(OriginPolicy policy, Request request, Response response) throws IOException {
        Answer answer = decide(policy, request.getMethod().getMethodString(), request::getHeader,
                response::setHeader, response::addHeader);
        if (answer == null) {
            return true;
        }
        if (answer.reason() != null) {
            HttpResponses.text(response, answer.status(), answer.reason());
        } else {
            response.setStatus(answer.status());
            response.setContentLength(0);
        }
        return false;
    }
}
