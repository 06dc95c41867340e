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
     * @param reason the plain-text reason: for 401 and 403 the status's own reason phrase ("Unauthorized",
     *        "Forbidden"), which the official clients report, as they report ASP.NET Core's empty 401 and 403
     * @param challenge the {@code WWW-Authenticate} value for a 401, or null
     */
    record Refused(int status, String reason, String challenge) implements AuthenticationResult {

        static final String UNAUTHORIZED = "Unauthorized";
        static final String FORBIDDEN = "Forbidden";

        /** A 401, with a challenge for the client. */
        static Refused unauthorized(String challenge) {
            return new Refused(401, UNAUTHORIZED, challenge);
        }

        /** A 403. */
        static Refused forbidden() {
            return new Refused(403, FORBIDDEN, null);
        }

        /**
         * Whether the answer has no body, as ASP.NET Core's 401 and 403 have none: the official clients then
         * report the status line's reason phrase.
         */
        public boolean emptyBody() {
            return status == 401 || status == 403;
        }
    }
}
