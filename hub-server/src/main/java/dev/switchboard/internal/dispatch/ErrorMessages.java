package dev.switchboard.internal.dispatch;

import dev.switchboard.HubException;

/** Error texts as SignalR words them: a summary, with the exception only when the client may see it. */
final class ErrorMessages {

    private ErrorMessages() {
    }

    /** {@code summary}, plus the exception's type and message for a {@link HubException} or when detailed. */
    static String build(String summary, Throwable cause, boolean detailed) {
        if (cause instanceof HubException || detailed) {
            return summary + " " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return summary;
    }
}
