package dev.switchboard;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what says a server thread met an unexpected failure, while installed: exceptions no one caught,
 * ERROR lines of SLF4J's simple logger (which writes to {@code System.err}), and SEVERE records of
 * java.util.logging, where Grizzly and Tyrus report what escapes their threads. For tests of what is logged, it
 * also keeps every line written to {@code System.err} and every java.util.logging record published.
 */
final class ServerFailures implements AutoCloseable {

    private static final int MOST_LOGGED = 10_000;
    /**
     * Where the server routes Grizzly's and Tyrus's records to SLF4J, they no longer reach the root's handlers:
     * the handler goes on these loggers too. Held, since java.util.logging keeps loggers weakly.
     */
    private static final List<Logger> ROUTED = List.of(Logger.getLogger("org.glassfish.grizzly"),
            Logger.getLogger("org.glassfish.tyrus"));

    final List<String> failures = new CopyOnWriteArrayList<>();
    /**
     * Each line of {@code System.err}, and each record of java.util.logging with its exception's stack, if any;
     * the first {@value #MOST_LOGGED} only, for long runs.
     */
    final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    private final PrintStream previousErr = System.err;
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log("JUL " + record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage());
            if (record.getThrown() != null) {
                for (StackTraceElement element : record.getThrown().getStackTrace()) {
                    log("\tat " + element);
                }
            }
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                failures.add("JUL " + record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    ServerFailures() {
        Thread.setDefaultUncaughtExceptionHandler(
                (thread, error) -> failures.add("uncaught in " + thread.getName() + ": " + error));
        System.setErr(new PrintStream(new ErrorLines(previousErr), true, StandardCharsets.UTF_8));
        Logger.getLogger("").addHandler(julHandler);
        for (Logger routed : ROUTED) {
            if (!routed.getUseParentHandlers()) {
                routed.addHandler(julHandler);
            }
        }
    }

    private void log(String line) {
        if (logged.size() < MOST_LOGGED) {
            logged.add(line);
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(julHandler);
        ROUTED.forEach(routed -> routed.removeHandler(julHandler));
        System.setErr(previousErr);
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    /** Passes everything on, and keeps each line that the simple logger wrote at ERROR. */
    private final class ErrorLines extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        ErrorLines(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            target.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                log(text);
                if (text.contains("] ERROR ")) {
                    failures.add(text);
                }
                line.reset();
            } else if (line.size() < 4096) {
                line.write(b);
            }
        }
    }
}
