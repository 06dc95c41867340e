package dev.switchboard;

/**
 * An {@link Authenticator}'s refusal of a request's credentials, such as an expired or badly signed token. The
 * request is answered with 401 and a {@code WWW-Authenticate: Bearer error="invalid_token"} header that carries
 * the message, so the message must not hold the token itself.
 */
public class AuthenticationException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * A refusal.
     *
     * @param reason why the credentials were refused, told to the client
     */
    public AuthenticationException(String reason) {
        super(reason);
    }

    /**
     * A refusal caused by another exception, such as a token parser's.
     *
     * @param reason why the credentials were refused, told to the client
     * @param cause what went wrong, never told to the client
     */
    public AuthenticationException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
