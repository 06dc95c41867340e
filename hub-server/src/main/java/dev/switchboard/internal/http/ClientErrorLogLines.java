package dev.switchboard.internal.http;

import dev.switchboard.LogSafe;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.glassfish.grizzly.http.HttpBrokenContentException;
import org.slf4j.LoggerFactory;

/**
 * Makes what a client causes in Tyrus and Grizzly one log line. Tyrus logs a WARNING with the whole stack trace
 * when a frame it reads fails in a way it did not foresee, and when a socket it waits to write to is closed;
 * Grizzly's filter chain does when a request's chunked body is broken. The frame guard keeps the known bad frames
 * from Tyrus, but a client must never be able to flood the log with stack traces. A filter on each of those
 * loggers turns such a record into one INFO line naming the exception, escaped, and leaves every other record
 * (Grizzly's filter chain also reports the server's own failures there), and any filter of the application's,
 * as it is. Tyrus's endpoint logger also reports failures of the server's own, such as an endpoint that cannot be
 * created: their stack traces are kept, at DEBUG.
 */
final class ClientErrorLogLines {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ClientErrorLogLines.class);

    /**
     * The loggers concerned, each with the failures in its records that a client causes; java.util.logging holds
     * loggers weakly, and would drop our filters.
     */
    private static final Map<Logger, Predicate<Throwable>> LOGGERS = Map.of(
            Logger.getLogger("org.glassfish.tyrus.core.TyrusEndpointWrapper"), any -> true,
            Logger.getLogger("org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter"), any -> true,
            Logger.getLogger("org.glassfish.grizzly.filterchain.DefaultFilterChain"),
            thrown -> thrown instanceof HttpBrokenContentException);
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    private ClientErrorLogLines() {
    }

    /** Installs the filters, once however often it is called. */
    static synchronized void install() {
        LOGGERS.forEach((logger, clients) -> {
            Filter existing = logger.getFilter();
            if (!(existing instanceof OneLine)) {
                logger.setFilter(new OneLine(clients, existing));
            }
        });
    }

    /**
     * A WARNING with an exception a client caused becomes one INFO line; then the filter that was there before
     * decides.
     */
    private record OneLine(Predicate<Throwable> clients, Filter next) implements Filter {

        @Override
        public boolean isLoggable(LogRecord record) {
            Throwable thrown = record.getThrown();
            if (thrown != null && record.getLevel().intValue() == Level.WARNING.intValue() && clients.test(thrown)) {
                String line = LogSafe.escape(MESSAGES.formatMessage(record) + " " + thrown);
                log.debug("The stack trace of: {}", line, thrown);
                record.setMessage(line);
                record.setParameters(null);
                record.setResourceBundle(null);
                record.setThrown(null);
                record.setLevel(Level.INFO);
            }
            return next == null || next.isLoggable(record);
        }
    }
}
