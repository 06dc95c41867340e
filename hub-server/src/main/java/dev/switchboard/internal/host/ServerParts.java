package dev.switchboard.internal.host;

import dev.switchboard.internal.transport.ConnectionManager;
import dev.switchboard.internal.transport.HttpHost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * What a server runs once assembled.
 *
 * @param hubExecutor the threads of the hub methods, made only when work comes
 * @param tick how often the connections' timeouts and keep-alives are checked
 * @param hubPaths the hubs' paths, for the log
 * @param endpointPaths the plain WebSocket endpoints' paths, for the log
 */
public record ServerParts(HttpHost host, ConnectionManager connections, ExecutorService hubExecutor, Duration tick,
                          List<String> hubPaths, List<String> endpointPaths) {

    public ServerParts {
        hubPaths = List.copyOf(hubPaths);
        endpointPaths = List.copyOf(endpointPaths);
    }
}
