package dev.switchboard.internal.auth;

import dev.switchboard.HubUser;

/** What authenticating one HTTP request of a hub came to: a user (or anonymous), or a refusal to answer with. */
public sealed interface AuthenticationResult {

    /** The request may go on. @param user the user, or null for an anonymous request */
    record Allowed(HubUser user) implements AuthenticationResult {
    }

    /**
     * The request is refused.
     *
     * @param status 401 for missing or invalid credentials, 403 for a user who may not, 500 when the
     *        authenticator failed
     * @param reason the plain-text reason for the body
     * @param challenge the {@code WWW-Authenticate} value for a 401, or null
     */
    record Refused(int status, String reason, String challenge) implements AuthenticationResult {
    }
}
