package dev.switchboard.internal.http;

import java.io.IOException;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The {@link OriginPolicy} on the HTTP transports, answered as ASP.NET Core's CORS policy answers for SignalR:
 * an allowed foreign origin is echoed, never {@code *}, with credentials allowed, since the SignalR clients send
 * cookies by default; its preflights get 204; any other foreign origin gets 403 and no CORS headers.
 */
final class CrossOrigin {

    private static final String ALLOWED_METHODS = "GET, POST, DELETE";
    private static final String ALLOWED_HEADERS = "X-Requested-With, X-SignalR-User-Agent, Authorization, Content-Type";
    /** How long a browser may keep a preflight's answer: ten minutes, within every browser's own cap. */
    private static final String MAX_AGE_SECONDS = "600";

    private CrossOrigin() {
    }

    /**
     * Applies the policy to a request before anything else is done with it: true when the request goes on (CORS
     * headers set if it is cross-origin), false when it has been answered, as a refusal or as a preflight.
     */
    static boolean admit(OriginPolicy policy, Request request, Response response) throws IOException {
        OriginPolicy.Admission admission = policy.admit(request::getHeader);
        if (!admission.allowed()) {
            HttpResponses.text(response, 403, admission.reason() + ".");
            return false;
        }
        boolean preflight = request.getMethod() == Method.OPTIONS && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
        if (admission.crossOrigin() != null) {
            response.setHeader("Access-Control-Allow-Origin", admission.crossOrigin());
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.addHeader("Vary", "Origin");
        }
        if (preflight) {
            response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
            response.setStatus(204);
            response.setContentLength(0);
            return false;
        }
        return true;
    }
}
