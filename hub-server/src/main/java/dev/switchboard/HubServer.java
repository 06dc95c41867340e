package dev.switchboard;

import dev.switchboard.internal.host.ServerAssembly;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.internal.host.ServerParts;
import dev.switchboard.internal.host.ServerSettings;
import dev.switchboard.internal.http.ConnectionManager;
import dev.switchboard.internal.http.HttpHost;
import dev.switchboard.internal.http.Lifeline;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded server for hubs: WebSockets, negotiate, plain Jakarta WebSocket endpoints and static files on
 * one port, over TLS when given a keystore.
 *
 * <pre>{@code
 * HubServer server = HubServer.builder()
 *         .port(8080)
 *         .hub("/chat", ChatHub.class)
 *         .endpoint(EchoEndpoint.class)      // a plain @ServerEndpoint("/echo")
 *         .get("/health", ctx -> ctx.result("ok"))
 *         .staticResources("public")         // src/main/resources/public/ at /
 *         .injector(injector)
 *         .build()
 *         .start();
 * server.join();                             // until SIGTERM or Ctrl+C, or close() elsewhere
 * }</pre>
 *
 * <p>A started server keeps the JVM running until it is closed, as Jetty's and Javalin's do, and by default
 * closes itself, draining its connections, when the JVM is told to stop ({@link Builder#stopAtShutdown(boolean)}).
 * Grizzly and Tyrus, which log through {@code java.util.logging}, are routed to SLF4J when a server is built,
 * unless the application routes all of {@code java.util.logging} there already; add any SLF4J backend to see
 * the server's log.
 */
public final class HubServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HubServer.class);
    /** After the drain: for clients to end their transports, then again for the last hub work to finish. */
    private static final Duration FLUSH_ALLOWANCE = Duration.ofSeconds(1);

    private final HttpHost host;
    private final ConnectionManager connections;
    private final ExecutorService hubExecutor;
    private final ServerParts parts;
    private final Duration shutdownTimeout;
    private final boolean stopAtShutdown;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Lifeline lifeline = new Lifeline();

    private HubServer(ServerParts parts, Duration shutdownTimeout, boolean stopAtShutdown) {
        this.host = parts.host();
        this.connections = parts.connections();
        this.hubExecutor = parts.hubExecutor();
        this.parts = parts;
        this.shutdownTimeout = shutdownTimeout;
        this.stopAtShutdown = stopAtShutdown;
    }

    /** {@return a builder for a server on port 8080 of every interface, with no hubs yet} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts accepting connections. From now until {@link #close()} has finished, the server
     * keeps the JVM running (by one thread, named {@code switchboard-keepalive-}<i>port</i>, that is not a
     * daemon), and, unless built with {@code stopAtShutdown(false)}, the JVM's shutdown closes it.
     *
     * <p>When it cannot start, it throws with a message that says what failed in one line, such as
     * {@code Port 8080 is already in use} (a {@link java.net.BindException}), and leaves nothing running: the
     * server is then closed, and a new one must be built to try again.
     *
     * @return this server, started
     * @throws IOException when the port cannot be bound or the server cannot start, the reason in one line
     * @throws IllegalStateException when the server was started or closed before
     */
    public HubServer start() throws IOException {
        if (closed.get()) {
            throw new IllegalStateException("This server is closed: build a new one to start again");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("This server is already started");
        }
        try {
            host.start();
        } catch (IOException | RuntimeException e) {
            // The host has released what it started; the hub and send threads are made only when work comes.
            closed.set(true);
            hubExecutor.shutdownNow();
            parts.sendExecutor().shutdownNow();
            lifeline.release();
            throw e;
        }
        connections.start(parts.tick());
        lifeline.hold(port(), stopAtShutdown ? this::close : null);
        if (parts.endpointPaths().isEmpty()) {
            log.info("Switchboard listening on port {} with hubs {}", port(), parts.hubPaths());
        } else {
            log.info("Switchboard listening on port {} with hubs {} and WebSocket endpoints {}", port(),
                    parts.hubPaths(), parts.endpointPaths());
        }
        return this;
    }

    /**
     * Waits until the server is closed, by {@link #close()} on another thread or by the JVM's shutdown, and
     * its drain has finished; at once if it is closed already. As Jetty's {@code Server.join()}, it lets a
     * {@code main} that has nothing else to do after {@link #start()} end only once the server has stopped.
     *
     * @throws InterruptedException when the waiting thread is interrupted; the server runs on
     */
    public void join() throws InterruptedException {
        lifeline.await();
    }

    /**
     * The port the server listens on; the one chosen when built with port 0.
     *
     * @return the bound port once started; before, the port asked for
     */
    public int port() {
        return host.port();
    }

    /**
     * How many connections count against {@link Builder#maxConnections(int)} now, over every hub and transport:
     * those a transport has taken up, and negotiated ones that no transport has taken up yet for their first
     * {@link ServerLimits#negotiateHoldTimeout()}. A negotiated connection past that no longer counts, though
     * a transport may still take it up until it expires.
     *
     * @return the number of connections held now
     */
    public int connectionCount() {
        return connections.count();
    }

    /**
     * Shuts down gracefully, in this order:
     * <ol>
     * <li>New connections are refused from the moment this is called: negotiate and WebSocket upgrades are
     *     answered {@code 503 Service Unavailable} with a reason. Existing connections' requests (polls, event
     *     streams, sends) are still served.</li>
     * <li>Each connection's running hub call may finish and its result reaches the client. Calls that have
     *     not started, those already waiting their turn and those that arrive now, do not run: each gets the
     *     error "Failed to invoke 'X' because the server is shutting down." (as in ASP.NET Core, which stops
     *     reading a connection at shutdown, but answered rather than left to the Close).</li>
     * <li>As soon as a connection's running call has answered, its client gets a Close that allows it to
     *     reconnect, over whatever transport it uses: SignalR clients built with automatic reconnect then
     *     reconnect by themselves, to this address once a server listens there again. Streams being sent
     *     do not hold the drain up; the Close cuts them, and the client sees its stream end with the
     *     connection. Calls still running after {@link Builder#shutdownTimeout(Duration)} are cut off the
     *     same way: their clients get the Close, and the calls' threads are interrupted.</li>
     * <li>Transports the clients have not ended within a second are cut, the port is released (another
     *     server may bind it at once), and the server's threads stop; the server no longer keeps the JVM
     *     running, its shutdown hook is removed, and {@link #join()} returns.</li>
     * </ol>
     * Returns within the shutdown timeout plus a few seconds. Called again, or by the shutdown hook while it
     * runs, it waits for the first call to finish (returning early if interrupted).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            try {
                lifeline.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            stop();
        } finally {
            lifeline.release();
        }
    }

    private void stop() {
        connections.shutdown(shutdownTimeout, FLUSH_ALLOWANCE);
        ExecutorService senders = parts.sendExecutor();
        senders.shutdown();
        try {
            senders.awaitTermination(FLUSH_ALLOWANCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        host.close();
        // Queued disconnect callbacks still run; a hub call that outlived the timeout is interrupted.
        hubExecutor.shutdown();
        try {
            if (!hubExecutor.awaitTermination(FLUSH_ALLOWANCE.toMillis(), TimeUnit.MILLISECONDS)) {
                hubExecutor.shutdownNow();
                hubExecutor.awaitTermination(FLUSH_ALLOWANCE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            hubExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Switchboard on port {} stopped", port());
    }


    /**
     * Configures a {@link HubServer}: its hubs, plain WebSocket endpoints and hub filters here, and the rest of
     * its settings through the methods of {@link ServerBuilder}.
     */
    public static final class Builder extends ServerMappings {

        private Builder() {
        }

        /**
         * Resolves every hub method and its injection now, so that mistakes fail here rather than on a
         * client's first call.
         *
         * @return the server, not yet started
         * @throws IllegalArgumentException for a hub, hub filter or plain endpoint that cannot be used, with the
         *         reason
         */
        public HubServer build() {
            ServerSettings settings = settings();
            return new HubServer(ServerAssembly.assemble(settings), settings.shutdownTimeout(),
                    settings.stopAtShutdown());
        }

        /**
         * Builds the hubs for a host with an HTTP server of its own, such as a servlet container (see
         * {@code hub-servlet}), rather than the embedded server: every hub, filter, option, limit, origin rule and
         * authentication setting applies as on the embedded server. TLS, static files, plain endpoints and HTTP routes
         * are the host's to serve, so {@link #tls}, {@link #staticResources}, {@link #staticFiles}, {@link #endpoint},
         * {@link #get} and the other routes and before-handlers must not be set; {@link #port}, {@link #host} and
         * {@link #stopAtShutdown} are the host's and ignored, as are the socket-level settings of {@link ServerLimits}.
         *
         * @return the hubs, to start once the host is ready
         * @throws IllegalArgumentException for a hub or filter that cannot be used, or a setting that is the host's
         */
        public HubHost buildHost() {
            return ServerAssembly.assembleHost(settings());
        }
    }
}
