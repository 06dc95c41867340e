package dev.switchboard.internal.http;

import dev.switchboard.internal.auth.AuthenticationResult;
import dev.switchboard.internal.auth.HubAuthentication;
import dev.switchboard.internal.connection.ServerConnection;
import java.io.IOException;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** Authenticates the plain HTTP requests of a hub (negotiate, event streams, polls, sends) and answers refusals. */
final class RequestAuthentication {

    private static final AuthenticationResult.Allowed ANONYMOUS = new AuthenticationResult.Allowed(null);

    private RequestAuthentication() {
    }

    /**
     * Authenticates {@code request}; when it is refused, answers it and returns null.
     *
     * @return the request's user, which may be null (anonymous)
     */
    static AuthenticationResult.Allowed check(HubRoute route, Request request, Response response)
            throws IOException {
        HubAuthentication authentication = route.authentication();
        if (!authentication.enabled()) {
            return ANONYMOUS;
        }
        AuthenticationResult result = authentication.authenticate(HttpRequests.toConnectionRequest(request));
        if (result instanceof AuthenticationResult.Refused refused) {
            answer(response, refused);
            return null;
        }
        return (AuthenticationResult.Allowed) result;
    }

    /** Whether the request's user started {@code connection}; when not, the request is answered with 403. */
    static boolean sameUser(ServerConnection connection, AuthenticationResult.Allowed allowed, Response response)
            throws IOException {
        AuthenticationResult.Refused refused = HubAuthentication.checkSameUser(connection.user(), allowed.user());
        if (refused != null) {
            answer(response, refused);
            return false;
        }
        return true;
    }

    private static void answer(Response response, AuthenticationResult.Refused refused) throws IOException {
        if (refused.challenge() != null) {
            response.setHeader("WWW-Authenticate", refused.challenge());
        }
        if (refused.emptyBody()) {
            HttpResponses.empty(response, refused.status());
        } else {
            HttpResponses.text(response, refused.status(), refused.reason());
        }
    }
}
