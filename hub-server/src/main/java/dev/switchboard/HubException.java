package dev.switchboard;

/**
 * An error whose message is meant for the client. Thrown from a hub method, or ending a stream that a
 * streaming hub method returned, its message reaches the caller in the error completion; any other
 * exception is reported as a generic error unless detailed errors are enabled.
 */
public class HubException extends RuntimeException {

    public HubException(String message) {
        super(message);
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
