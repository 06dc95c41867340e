package dev.switchboard;

/**
 * An error whose message is meant for the client. Thrown from a hub method, or ending a stream that a
 * streaming hub method returned, its message reaches the caller in the error completion; any other
 * exception is reported as a generic error unless detailed errors are enabled.
 */
public class HubException extends RuntimeException {

    /** @param message the error the caller receives */
    public HubException(String message) {
        super(message);
    }

    /**
     * An error caused by another exception.
     *
     * @param message the error the caller receives
     * @param cause what went wrong; only {@code message} reaches the caller
     */
    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
