package dev.switchboard.internal.http;

import dev.switchboard.internal.auth.AccessTokens;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Keeps access tokens out of Grizzly's and Tyrus's detailed logs. At FINE and below they log whole requests,
 * query strings and headers included; a filter on each of those loggers hides the credentials in each record
 * before any handler sees it, and leaves the records, and any filter of the application's, otherwise as they are.
 */
final class LogRedaction {

    /** The loggers that show requests; java.util.logging holds loggers weakly, and would drop our filters. */
    private static final List<Logger> REQUEST_LOGGERS = List.of(
            Logger.getLogger("org.glassfish.tyrus.core.TyrusWebSocketEngine"),
            Logger.getLogger("org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter"),
            Logger.getLogger("org.glassfish.grizzly.http.util.Parameters"));
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    private LogRedaction() {
    }

    /** Installs the filters, once however often it is called. */
    static synchronized void install() {
        for (Logger logger : REQUEST_LOGGERS) {
            Filter existing = logger.getFilter();
            if (existing instanceof Redacting) {
                continue;
            }
            logger.setFilter(new Redacting(existing));
        }
    }

    /** Hides credentials in a record's formatted message, then asks the filter that was there before. */
    private record Redacting(Filter next) implements Filter {

        @Override
        public boolean isLoggable(LogRecord record) {
            String message = MESSAGES.formatMessage(record);
            String redacted = AccessTokens.redact(message);
            if (!redacted.equals(message)) {
                record.setMessage(redacted);
                record.setParameters(null);
                record.setResourceBundle(null);
            }
            return next == null || next.isLoggable(record);
        }
    }
}
