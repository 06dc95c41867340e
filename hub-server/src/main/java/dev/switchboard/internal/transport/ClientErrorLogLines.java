package dev.switchboard.internal.transport;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Makes what a client causes in Tyrus one log line. Tyrus logs a WARNING with the whole stack trace when a frame
 * it reads fails in a way it did not foresee, and when a socket it waits to write to is closed: the frame guard
 * keeps the known bad frames from it, but a client must never be able to flood the log with stack traces. A
 * filter on each of those loggers turns such a record into one INFO line naming the exception, with any control
 * character escaped, and leaves every other record, and any filter of the application's, as it is.
 */
final class ClientErrorLogLines {

    /** The loggers concerned; java.util.logging holds loggers weakly, and would drop our filters. */
    private static final List<Logger> LOGGERS = List.of(
            Logger.getLogger("org.glassfish.tyrus.core.TyrusEndpointWrapper"),
            Logger.getLogger("org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter"));
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    private ClientErrorLogLines() {
    }

    /** Installs the filters, once however often it is called. */
    static synchronized void install() {
        for (Logger logger : LOGGERS) {
            Filter existing = logger.getFilter();
            if (!(existing instanceof OneLine)) {
                logger.setFilter(new OneLine(existing));
            }
        }
    }

    /** A WARNING with an exception becomes one INFO line; then the filter that was there before decides. */
    private record OneLine(Filter next) implements Filter {

        @Override
        public boolean isLoggable(LogRecord record) {
            Throwable thrown = record.getThrown();
            if (thrown != null && record.getLevel().intValue() == Level.WARNING.intValue()) {
                record.setMessage(escape(MESSAGES.formatMessage(record) + " " + thrown));
                record.setParameters(null);
                record.setResourceBundle(null);
                record.setThrown(null);
                record.setLevel(Level.INFO);
            }
            return next == null || next.isLoggable(record);
        }

        private static String escape(String text) {
            StringBuilder escaped = new StringBuilder(text.length());
            text.codePoints().forEach(c -> {
                if (Character.isISOControl(c)) {
                    escaped.append(String.format("\\u%04x", c));
                } else {
                    escaped.appendCodePoint(c);
                }
            });
            return escaped.toString();
        }
    }
}
