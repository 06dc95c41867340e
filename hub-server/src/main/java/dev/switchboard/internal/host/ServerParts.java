package dev.switchboard.internal.host;

import dev.switchboard.internal.http.ConnectionManager;
import dev.switchboard.internal.http.HttpHost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * What a server runs once assembled.
 *
 * @param hubExecutor the threads of the hub methods, made only when work comes
 * @param sendExecutor the threads that write the connections' queued messages
 * @param tick how often the connections' timeouts and keep-alives are checked
 * @param hubPaths the hubs' paths, for the log
 * @param endpointPaths the plain WebSocket endpoints' paths, for the log
 */
public record ServerParts(HttpHost host, ConnectionManager connections, ExecutorService hubExecutor,
                          ExecutorService sendExecutor, Duration tick,
                          List<String> hubPaths, List<String> endpointPaths) {

    public ServerParts {
        hubPaths = List.copyOf(hubPaths);
        endpointPaths = List.copyOf(endpointPaths);
    }
}
