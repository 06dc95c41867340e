package dev.switchboard.bench;

import dev.switchboard.bench.load.Dialect;
import dev.switchboard.bench.load.MessagePackDialect;
import dev.switchboard.bench.load.SignalRDialect;
import dev.switchboard.bench.run.CpuTime;
import dev.switchboard.bench.run.Deployment;
import dev.switchboard.bench.run.RedisProcess;
import dev.switchboard.bench.run.ScaleOut;
import dev.switchboard.bench.run.Sender;
import dev.switchboard.bench.run.ServerProcess;
import dev.switchboard.bench.run.Workers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every scenario against each server, each scenario on a freshly started server process so that
 * none inherits another's heap or connections, and collects the rows. A scenario that fails is recorded
 * with its reason and the run goes on. Switchboard's fan-out runs a second time on two servers sharing a
 * Redis backplane, with the same clients split between them, right after the single server's. Switchboard's
 * servers run it all once per hub protocol asked for, every client (the senders too) speaking that protocol.
 */
final class Comparison {

    private static final Duration QUIET_LIMIT = Duration.ofSeconds(10);
    private static final int DENSITY_WARM_UP = 500;
    private static final int SCALED_OUT_SERVERS = 2;

    final List<Rows.FanOut> fanOuts = new ArrayList<>();
    /** The fan-out over several servers on Redis. */
    final List<Rows.FanOut> scaledOut = new ArrayList<>();
    final List<Rows.FanOut> paced = new ArrayList<>();
    final List<Rows.FanOut> polling = new ArrayList<>();
    final List<Rows.Density> densities = new ArrayList<>();
    final List<Rows.Echo> echoes = new ArrayList<>();
    final List<Rows.Failure> failures = new ArrayList<>();
    final List<Micro.Row> micro = new ArrayList<>();
    /** The version of the scale-out's Redis, once it ran. */
    String redisVersion;
    /** The machine's load average (1, 5 and 15 minutes) when the run started: other work skews the figures. */
    String loadBefore;

    private final BenchOptions options;
    private final Path jar;
    private final Path logs;

    Comparison(BenchOptions options, Path jar, Path logs) {
        this.options = options;
        this.jar = jar;
        this.logs = logs;
    }

    void run() throws IOException {
        loadBefore = loadAverage();
        for (String server : options.servers()) {
            for (String protocol : options.protocolsOf(server)) {
                attempt(server, protocol, "density", () -> density(server, protocol));
                attempt(server, protocol, "fan-out", () -> fanOut(server, protocol));
                if (server.equals("switchboard")) {
                    attempt(server, protocol, "redis-fan-out", () -> redisFanOut(protocol));
                }
                if (server.equals(SideBySide.EMBEDDED)) {
                    for (int parallel : options.echoParallel()) {
                        attempt(server, protocol, "echo", () -> echo(server, protocol, parallel));
                    }
                } else {
                    attempt(server, protocol, "echo", () -> echo(server, protocol, 0));
                }
                if (server.equals("switchboard") && !options.pollingClients().isEmpty()) {
                    attempt(server, protocol, "polling", () -> longPolling(protocol));
                }
            }
        }
        attempt("switchboard", BenchOptions.JSON, "micro", () -> micro.addAll(Micro.run(options.smoke())));
    }

    private void density(String server, String protocol) throws Exception {
        int clients = options.densityClients();
        try (ServerProcess process = start(server)) {
            // Compiled code and the compiler's own memory are paid once, not per connection: a few hundred
            // connections come and go before the baseline.
            try (Workers warmUp = new Workers(jar, DENSITY_WARM_UP, logs)) {
                warmUp.open(dialect(server, protocol).name(), options.webSocket(), process.address(),
                        Math.min(DENSITY_WARM_UP, clients));
            }
            long heapBefore = process.heapAfterGc();
            long rssBefore = process.settledRss();
            try (Workers workers = new Workers(jar, clients, logs)) {
                workers.open(dialect(server, protocol).name(), options.webSocket(), process.address(), clients);
                long heapAfter = process.heapAfterGc();
                densities.add(new Rows.Density(process.name(), protocol, clients, heapBefore, heapAfter, rssBefore,
                        process.settledRss()));
            }
            log("%s %s density: %d connections measured", process.name(), protocol, clients);
        }
    }

    private void fanOut(String server, String protocol) throws Exception {
        try (ServerProcess process = start(server)) {
            fanOut(process, protocol, dialect(server, protocol), fanOuts);
        }
    }

    /** The same fan-out on Switchboard servers sharing a Redis, each with its share of the clients and a sender. */
    private void redisFanOut(String protocol) throws Exception {
        RedisProcess redis = options.redis() == null ? RedisProcess.start(logs) : RedisProcess.given(options.redis());
        try (ScaleOut servers = new ScaleOut(redis, SCALED_OUT_SERVERS, jar, options.serverOptions(), logs)) {
            redisVersion = redis.version();
            fanOut(servers, protocol, dialect("switchboard", protocol), scaledOut);
        }
    }

    /** Bursts to every client count and size, then the paced run to the most clients. */
    private void fanOut(Deployment deployment, String protocol, Dialect dialect, List<Rows.FanOut> rows)
            throws Exception {
        List<Integer> counts = options.clients();
        int most = counts.get(counts.size() - 1);
        Run run = new Run(deployment, protocol, "WebSockets");
        try (Workers workers = new Workers(jar, most, logs);
             Sender sender = new Sender(dialect, deployment.addresses(), options.window())) {
            bursts(run, workers, sender, dialect.name(), options.webSocket(), counts, rows);
            int size = options.sizes().get(options.sizes().size() - 1);
            paced.add(measure(run, workers, most, size, options.paced(),
                    () -> sender.paced(options.paced(), size, options.pacedInterval())));
        }
    }

    private void longPolling(String protocol) throws Exception {
        List<Integer> counts = options.pollingClients();
        Dialect dialect = dialect("switchboard", protocol);
        try (ServerProcess process = start("switchboard");
             Workers workers = new Workers(jar, counts.get(counts.size() - 1), logs);
             Sender sender = new Sender(dialect, process.addresses(), options.window())) {
            bursts(new Run(process, protocol, "LongPolling"), workers, sender, dialect.name(), "lp", counts, polling);
        }
    }

    /** Connects up to each of {@code counts} in turn and measures a burst of every size there. */
    private void bursts(Run run, Workers workers, Sender sender, String dialect, String transport,
                        List<Integer> counts, List<Rows.FanOut> rows) throws Exception {
        for (int clients : counts) {
            workers.openEvenly(dialect, transport, run.deployment().addresses(), clients);
            if (clients == counts.get(0)) {
                warmUp(run, workers, sender, clients);
            }
            for (int size : options.sizes()) {
                int messages = options.messagesFor(clients);
                rows.add(measure(run, workers, clients, size, messages, () -> sender.burst(messages, size)));
            }
        }
    }

    /** The echo; {@code parallel}, when not 0, is the embedded server's maximumParallelInvocationsPerClient. */
    private void echo(String server, String protocol, int parallel) throws Exception {
        int clients = options.echoClients();
        int inFlight = options.echoInFlight();
        try (ServerProcess process = parallel == 0 ? start(server)
                : ServerProcess.switchboard(jar, options.serverOptions(), parallel, logs);
             Workers workers = new Workers(jar, clients, logs)) {
            workers.open(dialect(server, protocol).name(), options.webSocket(), process.address(), clients);
            // The first run warms both ends up and is thrown away.
            workers.echo(clients, inFlight, options.echoSeconds());
            CpuTime cpuBefore = process.cpuTime();
            Workers.Echoed echoed = workers.echo(clients, inFlight, options.echoSeconds());
            echoes.add(new Rows.Echo(process.name(), protocol, clients, parallel, inFlight, options.echoSeconds(),
                    echoed.failures(), process.cpuTime().since(cpuBefore).totalNanos(), echoed.roundTripMicros(),
                    process.peakRssBytes()));
            log("%s %s echo (parallel %d, %d in flight): %d round trips", process.name(), protocol, parallel,
                    inFlight, echoed.roundTripMicros().getTotalCount());
        }
    }

    /** A burst measured and thrown away, so that neither server is measured before its JIT has run. */
    private void warmUp(Run run, Workers workers, Sender sender, int clients) throws Exception {
        int messages = options.messagesFor(clients);
        int size = options.sizes().get(options.sizes().size() - 1);
        measure(new Run(run.deployment(), run.protocol(), "warm-up"), workers, clients, size, messages,
                () -> sender.burst(messages, size));
    }

    /** Runs {@code sending}, waits until every delivery arrived or none has for a while, and measures. */
    private Rows.FanOut measure(Run run, Workers workers, int clients, int size, int messages, Step sending)
            throws Exception {
        Deployment deployment = run.deployment();
        workers.reset();
        long publishesBefore = deployment.publishes();
        CpuTime cpuBefore = deployment.cpuTime();
        long loadCpuBefore = workers.cpuNanos();
        long start = System.nanoTime();
        sending.run();
        long expected = (long) clients * messages;
        workers.awaitDelivered(expected, QUIET_LIMIT);
        CpuTime cpu = deployment.cpuTime().since(cpuBefore);
        long loadCpu = workers.cpuNanos() - loadCpuBefore;
        long publishes = publishesBefore < 0 ? -1 : deployment.publishes() - publishesBefore;
        Workers.Received received = workers.received();
        double seconds = Math.max(1, received.lastNanos() - start) / 1e9;
        Rows.FanOut row = new Rows.FanOut(deployment.name(), run.protocol(), run.transport(), clients, size,
                messages, received.delivered(), seconds, cpu.totalNanos(), cpu.systemNanos(), loadCpu,
                received.latencyMicros(), received.pollsWithMessages(), received.lostConnections(), publishes,
                deployment.peakRssBytes());
        log("%s %s %s fan-out: %d clients, %d B, %d messages: %.0f deliveries/s, %d lost, %d connections lost",
                deployment.name(), run.protocol(), run.transport(), clients, size, messages,
                row.deliveriesPerSecond(), row.lost(), row.lostConnections());
        return row;
    }

    private ServerProcess start(String server) throws IOException {
        return switch (server) {
            case "switchboard" -> ServerProcess.switchboard(jar, options.serverOptions(), logs);
            case "switchboard-tomcat" -> ServerProcess.switchboardTomcat(jar, options.serverOptions(), logs);
            case "spring-websocket" -> ServerProcess.spring(options.springJar(), options.serverOptions(), logs);
            case "socketio" -> ServerProcess.socketIo(options.socketIoDir(), logs);
            default -> throw new IllegalArgumentException("Unknown server " + server);
        };
    }

    /** The load generator's dialect for {@code server} in {@code protocol}, one of those it runs. */
    private static Dialect dialect(String server, String protocol) {
        if (server.equals("socketio")) {
            return Dialect.named(server);
        }
        // Switchboard in Tomcat and the Spring handler speak the SignalR JSON protocol too.
        return Dialect.named(protocol.equals(BenchOptions.MESSAGE_PACK) ? MessagePackDialect.NAME
                : SignalRDialect.NAME);
    }

    private void attempt(String server, String protocol, String scenario, Step step) {
        if (!options.scenarios().contains(scenario)) {
            return;
        }
        try {
            step.run();
        } catch (Exception e) {
            failures.add(new Rows.Failure(server, protocol, scenario, String.valueOf(e.getMessage())));
            log("%s %s %s failed: %s", server, protocol, scenario, e);
        }
    }

    /** The first three fields of /proc/loadavg. */
    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }

    static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
        System.out.flush();
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** What a fan-out's rows are measured on: its servers, every client's protocol, the receivers' transport. */
    private record Run(Deployment deployment, String protocol, String transport) {
    }
}
