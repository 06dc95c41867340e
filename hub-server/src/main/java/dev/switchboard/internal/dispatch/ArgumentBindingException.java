package dev.switchboard.internal.dispatch;

/** An invocation's arguments do not fit the hub method; the message is safe to show the client. */
final class ArgumentBindingException extends Exception {

    ArgumentBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
