package dev.switchboard.internal.auth;

import dev.switchboard.AuthenticationException;
import dev.switchboard.Authenticator;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubUser;
import dev.switchboard.LogSafe;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the HTTP requests of one hub: runs the server's {@link Authenticator} on each, applies the hub
 * class's {@link dev.switchboard.Authorize}, and keeps a connection to the user who started it, so that its
 * token alone is of no use to anyone else.
 */
public final class HubAuthentication {

    /** For hubs of a server without an authenticator: every request is anonymous and allowed. */
    public static final HubAuthentication NONE = new HubAuthentication(null, null, null);

    private static final Logger log = LoggerFactory.getLogger(HubAuthentication.class);
    private static final AuthenticationResult.Allowed ANONYMOUS = new AuthenticationResult.Allowed(null);

    private final Authenticator authenticator;
    private final String cookieName;
    private final AuthorizeRule hubPolicy;

    /**
     * @param authenticator the server's authenticator, or null for none
     * @param cookieName the cookie that may carry the access token, or null
     * @param hubPolicy the hub class's {@link dev.switchboard.Authorize}, or null
     */
    public HubAuthentication(Authenticator authenticator, String cookieName, AuthorizeRule hubPolicy) {
        if (authenticator == null && hubPolicy != null) {
            throw new IllegalArgumentException("@Authorize needs an authenticator");
        }
        this.authenticator = authenticator;
        this.cookieName = cookieName;
        this.hubPolicy = hubPolicy;
    }

    /** Whether requests are authenticated at all; when not, {@link #authenticate} is never needed. */
    public boolean enabled() {
        return authenticator != null;
    }

    /** Authenticates one request and applies the hub's policy to its user. */
    public AuthenticationResult authenticate(ConnectionRequest request) {
        if (authenticator == null) {
            return ANONYMOUS;
        }
        HubUser user;
        try {
            user = authenticator.authenticate(request, AccessTokens.find(request, cookieName));
        } catch (AuthenticationException e) {
            String reason = e.getMessage() == null ? "The access token is invalid." : printable(e.getMessage());
            log.debug("Refused a request to {}: {}", LogSafe.escape(request.path()), LogSafe.escape(reason));
            return AuthenticationResult.Refused.unauthorized(
                    "Bearer error=\"invalid_token\", error_description=\"" + quotable(reason) + "\"");
        } catch (RuntimeException e) {
            // The exception's message is not logged: it might quote the token.
            log.error("The authenticator failed with {} for a request to {}", e.getClass().getName(),
                    LogSafe.escape(request.path()));
            return new AuthenticationResult.Refused(500, "Authentication failed on the server.", null);
        }
        if (hubPolicy != null && !hubPolicy.allows(user)) {
            // As ASP.NET Core's JWT bearer handler: a challenge without an error when no token came.
            log.debug("Refused a request to {}: {}", LogSafe.escape(request.path()),
                    user == null ? "no user" : "the user does not meet the hub's @Authorize");
            return user == null ? AuthenticationResult.Refused.unauthorized("Bearer")
                    : AuthenticationResult.Refused.forbidden();
        }
        return user == null ? ANONYMOUS : new AuthenticationResult.Allowed(user);
    }

    /**
     * The refusal of a request of an existing connection made by another user than the one who started it, or
     * null when the users are the same (or both anonymous).
     */
    public static AuthenticationResult.Refused checkSameUser(HubUser started, HubUser now) {
        String startedId = started == null ? null : started.userId();
        String nowId = now == null ? null : now.userId();
        if (Objects.equals(startedId, nowId)) {
            return null;
        }
        log.debug("Refused a request of another user's connection");
        return AuthenticationResult.Refused.forbidden();
    }

    /** A reason fit for a status line and a body: control characters replaced. */
    private static String printable(String reason) {
        StringBuilder text = new StringBuilder(reason.length());
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            text.append(Character.isISOControl(c) ? ' ' : c);
        }
        return text.toString();
    }

    /** A reason as a quoted-string of a header: printable ASCII without quotes or backslashes. */
    private static String quotable(String reason) {
        StringBuilder text = new StringBuilder(reason.length());
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            text.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : ' ');
        }
        return text.toString();
    }
}
