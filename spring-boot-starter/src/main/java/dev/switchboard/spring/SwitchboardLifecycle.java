package dev.switchboard.spring;

import dev.switchboard.spi.host.HubHost;
import org.springframework.context.SmartLifecycle;

/**
 * Stops the hubs gracefully when the application context closes, in the last phase to start and so the first to
 * stop: before the web server's graceful shutdown, which would otherwise wait for the hubs' held long polls and
 * event streams until its timeout and then cut every WebSocket, and before the beans that hub calls use are
 * destroyed. Running calls finish within {@code switchboard.shutdown-timeout}; clients are told to go and may
 * reconnect elsewhere. The hubs started with the servlet context; the servlet context's end stops them again, which
 * does nothing then.
 */
public final class SwitchboardLifecycle implements SmartLifecycle {

    private final HubHost host;
    private volatile boolean running;

    /**
     * For the application's hubs.
     *
     * @param host the hubs
     */
    public SwitchboardLifecycle(HubHost host) {
        this.host = host;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        host.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** {@return {@link SmartLifecycle#DEFAULT_PHASE}, above the web server's graceful shutdown phase} */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
