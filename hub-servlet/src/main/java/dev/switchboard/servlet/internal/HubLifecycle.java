package dev.switchboard.servlet.internal;

import dev.switchboard.spi.host.HubHost;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ties a {@link HubHost}'s life to its servlet context's: started when the context has started, stopped (a graceful
 * drain) when it is destroyed. Owns the timer of held exchanges.
 */
public final class HubLifecycle implements ServletContextListener {

    private final HubHost host;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * For one host.
     *
     * @param host the hubs
     */
    public HubLifecycle(HubHost host) {
        this.host = host;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "switchboard-servlet-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@return the timer for held exchanges' timeouts} */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** Starts the hubs now, for a context that took no listener. */
    public void startNow() {
        if (started.compareAndSet(false, true)) {
            host.start();
        }
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        startNow();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        try {
            host.stop();
        } finally {
            timer.shutdownNow();
        }
    }
}
