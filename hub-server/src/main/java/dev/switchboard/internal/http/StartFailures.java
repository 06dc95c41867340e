package dev.switchboard.internal.http;

import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Says in one line why a server could not start listening, naming the port or host, in place of the socket's
 * own words ("Address already in use") that name neither; the original stays as the cause, with its stack trace.
 */
final class StartFailures {

    private StartFailures() {
    }

    /** The exception to throw for {@code failure}, met while binding {@code host}, {@code port}. */
    static IOException describe(Throwable failure, String host, int port) {
        String reason = reason(failure).toLowerCase(Locale.ROOT);
        IOException described;
        if (causedBy(failure, UnresolvedAddressException.class) || failure instanceof UnknownHostException) {
            described = new UnknownHostException("Cannot listen on host " + host + ": no such host");
        } else if (failure instanceof BindException && reason.contains("in use")) {
            described = new BindException("Port " + port + " is already in use");
        } else if (failure instanceof BindException && reason.contains("assign requested address")) {
            described = new BindException("Cannot listen on host " + host + ": it is not an address of this "
                    + "machine");
        } else if (failure instanceof BindException && reason.contains("permission denied")) {
            described = new BindException("Cannot listen on port " + port + ": permission denied (ports below "
                    + "1024 need privileges)");
        } else {
            described = new IOException("Cannot listen on " + host + " port " + port + ": " + reason(failure));
        }
        described.initCause(failure);
        return described;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
        }
        return false;
    }

    /** The failure's own message, on one line, or its type when it has none. */
    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getName();
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
