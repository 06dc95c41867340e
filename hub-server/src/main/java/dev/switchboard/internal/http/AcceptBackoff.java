package dev.switchboard.internal.http;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Context;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.IOEventLifeCycleListener;
import org.glassfish.grizzly.IOStrategy;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grizzly's I/O strategy with one change: when accepting a connection fails, typically because the process is
 * out of file descriptors, the listening socket stops accepting for a while instead of at once trying again.
 *
 * <p>Grizzly swallows an accept failure and leaves the listening socket's accept interest on; the connection the
 * kernel holds for it keeps the socket ready, so a selector thread retries without pause, a core spent for as
 * long as descriptors are short. Here a failure turns the accept interest off for 100 ms, then for twice as long
 * after each further failure up to a second; the first accept that works again ends the pause. Each such period
 * is logged as one warning when it starts and one line when it ends, and periods that start within a minute of
 * the last warning are counted into the next one rather than logged.
 */
final class AcceptBackoff implements IOStrategy {

    private static final Logger log = LoggerFactory.getLogger(AcceptBackoff.class);
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 1_000;

    private final IOStrategy strategy;
    private final IOEventLifeCycleListener failures = new IOEventLifeCycleListener.Adapter() {
        @Override
        public void onError(Context context, Object error) throws IOException {
            failed(context.getConnection(), error);
        }
    };
    /** Whether accepting is failing; read on every accept, so kept apart from the rest, which the lock guards. */
    private volatile boolean failing;
    private long failureCount;
    private long pauseMillis;
    private long failingSince;
    private final LogThrottle periods = new LogThrottle();
    private boolean warned;

    private AcceptBackoff(IOStrategy strategy) {
        this.strategy = strategy;
    }

    /** Puts the back-off around {@code transport}'s strategy; before the transport starts. */
    static void install(Transport transport) {
        // Setting a strategy resets the worker pool to the strategy's default: keep the one that is configured.
        ThreadPoolConfig workers = transport.getWorkerThreadPoolConfig();
        transport.setIOStrategy(new AcceptBackoff(transport.getIOStrategy()));
        transport.setWorkerThreadPoolConfig(workers);
    }

    @Override
    public boolean executeIoEvent(Connection connection, IOEvent ioEvent) throws IOException {
        return executeIoEvent(connection, ioEvent, true);
    }

    @Override
    public boolean executeIoEvent(Connection connection, IOEvent ioEvent, boolean isIoEventEnabled)
            throws IOException {
        if (ioEvent != IOEvent.SERVER_ACCEPT) {
            return strategy.executeIoEvent(connection, ioEvent, isIoEventEnabled);
        }
        long failuresBefore = failing ? failures() : -1;
        // As the strategies do for accepts, on this selector thread; an accept failure reaches the listener.
        connection.getTransport().fireIOEvent(IOEvent.SERVER_ACCEPT, connection, failures);
        if (failuresBefore >= 0) {
            acceptedAgain(failuresBefore);
        }
        return true;
    }

    @Override
    public Executor getThreadPoolFor(Connection connection, IOEvent ioEvent) {
        return strategy.getThreadPoolFor(connection, ioEvent);
    }

    @Override
    public ThreadPoolConfig createDefaultWorkerPoolConfig(Transport transport) {
        return strategy.createDefaultWorkerPoolConfig(transport);
    }

    private synchronized long failures() {
        return failureCount;
    }

    private void failed(Connection<?> listening, Object error) throws IOException {
        listening.disableIOEvent(IOEvent.SERVER_ACCEPT);
        long pause;
        synchronized (this) {
            failureCount++;
            if (!failing) {
                failing = true;
                failingSince = System.nanoTime();
                pauseMillis = FIRST_PAUSE_MILLIS;
                warnOrCount(error);
            } else {
                pauseMillis = Math.min(pauseMillis * 2, LONGEST_PAUSE_MILLIS);
            }
            pause = pauseMillis;
        }
        CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, Runnable::run).execute(() -> resume(listening));
    }

    /** Logs the start of a period of failures, unless one was logged within the last minute. */
    private void warnOrCount(Object error) {
        long count = periods.count();
        warned = count > 0;
        if (!warned) {
            return;
        }
        long unreportedPeriods = count - 1;
        String reason = error instanceof IOException failure && String.valueOf(failure.getMessage())
                .contains("Too many open files")
                ? "Out of file descriptors" : "Accepting connections failed (" + error + ")";
        String earlier = unreportedPeriods == 0 ? "" : " Accepting had stopped " + unreportedPeriods
                + (unreportedPeriods == 1 ? " time" : " times") + " more since the last warning.";
        log.warn("{}: not accepting connections for now, trying again in {} ms, then waiting up to {} ms between "
                + "tries. Raise the process's open file limit (ulimit -n) or set ServerLimits.maxConcurrentSockets "
                + "below it.{}", reason, FIRST_PAUSE_MILLIS, LONGEST_PAUSE_MILLIS, earlier);
    }

    private synchronized void acceptedAgain(long failuresBefore) {
        if (!failing || failureCount != failuresBefore) {
            return;
        }
        failing = false;
        if (warned) {
            log.info("Accepting connections again after {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                    - failingSince));
        }
    }

    private static void resume(Connection<?> listening) {
        try {
            // Does nothing once the listener is closed.
            listening.enableIOEvent(IOEvent.SERVER_ACCEPT);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not resume accepting connections", e);
        }
    }
}
