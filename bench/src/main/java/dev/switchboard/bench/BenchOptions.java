package dev.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one comparison run measures, from the command line. {@code --smoke} shrinks every scenario to a
 * few dozen clients: CI runs it to keep the benchmark working, and asserts nothing about speed.
 *
 * @param clients       fan-out client counts, in increasing order (the same clients stay connected)
 * @param sizes         broadcast payload sizes in characters
 * @param deliveries    deliveries a burst aims at: messages = deliveries / clients, within [10, maxMessages]
 * @param maxMessages   at most this many messages per burst
 * @param window        messages the sender may have unanswered in a burst
 * @param paced         messages of the paced latency run, one per {@code pacedInterval}, to the most clients
 * @param echoClients   clients of the echo scenario
 * @param echoSeconds   how long the echo scenario runs
 * @param echoParallel  the {@code maximumParallelInvocationsPerClient} values Switchboard's embedded server runs the
 *                      echo with, one server each, in one run ({@code --echo-parallel 1,4}; default 1)
 * @param echoInFlight  calls each echo client keeps in flight ({@code --echo-in-flight}; default 1): above 1, a
 *                      connection's calls can run side by side when the server allows it
 * @param pollingClients long-polling fan-out client counts (Switchboard only)
 * @param densityClients idle connections of the density scenario
 * @param servers       of {@code switchboard} (the embedded server), {@code switchboard-tomcat} (hub-servlet in
 *                      Tomcat), {@code spring-websocket} (a plain Spring handler) and {@code socketio}
 * @param scenarios     which of {@code density}, {@code fan-out}, {@code redis-fan-out} (the fan-out again
 *                      over two Switchboard servers on a Redis backplane), {@code echo}, {@code polling},
 *                      {@code micro} (the JMH micro-benchmarks) run
 * @param serverOptions the Switchboard server's JVM options (a profiler's, say)
 * @param socketIoDir   the directory of the socket.io peer
 * @param springJar     the plain Spring server's executable jar
 * @param redis         the Redis of the {@code redis-fan-out} scenario, or null to start a redis-server
 * @param out           the Markdown file written
 * @param deflate       whether the receiving clients offer permessage-deflate ({@code --deflate}), as browsers do:
 *                      they are then Tomcat's WebSocket clients rather than java.net.http's, which cannot
 * @param protocols     the SignalR hub protocols, of {@code json} and {@code messagepack}, each Switchboard server runs
 *                      every scenario in, one after the other; the other servers run their own protocol once
 */
record BenchOptions(List<Integer> clients, List<Integer> sizes, int deliveries, int maxMessages, int window,
                    int paced, Duration pacedInterval, int echoClients, int echoSeconds,
                    List<Integer> echoParallel, int echoInFlight, List<Integer> pollingClients, int densityClients, List<String> servers,
                    List<String> scenarios, List<String> serverOptions, Path socketIoDir, Path springJar,
                    String redis, Path out, boolean smoke, boolean deflate, List<String> protocols) {

    static final String USAGE = """
            Usage: java -jar bench.jar [--smoke] [--deflate] [--servers switchboard,switchboard-tomcat,spring-websocket,socketio]
                                       [--clients 1000,5000,15000] [--sizes 100,1024] [--polling-clients 1000,5000]
                                       [--density 15000] [--scenarios density,fan-out,redis-fan-out,echo,polling,micro]
                                       [--server-options "-Xmx2g ..."] [--socketio-dir bench/socketio]
                                       [--spring-jar bench/spring-server/target/spring-server.jar]
                                       [--redis redis://HOST:PORT] [--out bench/results/RESULTS.md]
                                       [--protocols json,messagepack] [--echo-parallel 1,4] [--echo-in-flight 1]
            --deflate: the receiving clients offer permessage-deflate (Tomcat's client), as browsers do. The servers run without the others unless listed (default: switchboard,socketio); --server-options
            applies to the three JVM servers alike. redis-fan-out starts redis-server (persistence off) on a free
            loopback port unless --redis names one. --protocols: the SignalR hub protocols in which Switchboard's servers
            (switchboard, switchboard-tomcat) run every scenario, one after the other (default: json); the other
            servers run theirs once. --echo-parallel: the embedded server runs the echo once per value of
            maximumParallelInvocationsPerClient (default 1); --echo-in-flight: calls each echo client keeps in flight
            (default 1).""";

    private static final List<String> SCENARIOS = List.of("density", "fan-out", "redis-fan-out", "echo", "polling",
            "micro");
    /** G1 with a tighter free-heap band: after a collection it gives back what it does not use (see README). */
    private static final List<String> SERVER_OPTIONS = List.of("-Xmx2g", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30");
    private static final List<String> SERVERS = List.of("switchboard", "socketio");
    static final String JSON = "json";
    static final String MESSAGE_PACK = "messagepack";

    private static final Set<String> NAMES = Set.of("--servers", "--clients", "--sizes", "--polling-clients",
            "--density", "--scenarios", "--server-options", "--socketio-dir", "--spring-jar", "--redis", "--out",
            "--protocols", "--echo-parallel", "--echo-in-flight");
    private static final Path SPRING_JAR = Path.of("bench/spring-server/target/spring-server.jar");

    static BenchOptions fullRun() {
        return new BenchOptions(List.of(1_000, 5_000, 15_000), List.of(100, 1_024), 1_000_000, 500, 20, 15,
                Duration.ofSeconds(1), 100, 10, List.of(1), 1, List.of(1_000, 5_000), 15_000, SERVERS, SCENARIOS,
                SERVER_OPTIONS, Path.of("bench/socketio"), SPRING_JAR, null, Path.of("bench/results/RESULTS.md"),
                false, false, List.of(JSON));
    }

    static BenchOptions smokeRun() {
        return new BenchOptions(List.of(10, 30), List.of(100, 1_024), 300, 30, 5, 3, Duration.ofMillis(100), 5, 1,
                List.of(1), 1, List.of(10), 30, SERVERS, SCENARIOS, SERVER_OPTIONS, Path.of("bench/socketio"), SPRING_JAR, null,
                Path.of("bench/target/RESULTS-smoke.md"), true, false, List.of(JSON));
    }

    static BenchOptions parse(String[] args) {
        boolean smoke = false;
        boolean deflate = false;
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--smoke")) {
                smoke = true;
            } else if (args[i].equals("--deflate")) {
                deflate = true;
            } else if (!NAMES.contains(args[i])) {
                throw new IllegalArgumentException("Unknown option " + args[i]);
            } else if (i + 1 == args.length) {
                throw new IllegalArgumentException("Missing the value of " + args[i]);
            } else {
                values.put(args[i], args[++i]);
            }
        }
        BenchOptions base = smoke ? smokeRun() : fullRun();
        return new BenchOptions(numbers(values.get("--clients"), base.clients),
                numbers(values.get("--sizes"), base.sizes), base.deliveries, base.maxMessages, base.window,
                base.paced, base.pacedInterval, base.echoClients, base.echoSeconds,
                positive(numbers(values.get("--echo-parallel"), base.echoParallel), "--echo-parallel"),
                values.containsKey("--echo-in-flight")
                        ? positive(List.of(Integer.parseInt(values.get("--echo-in-flight"))), "--echo-in-flight").get(0)
                        : base.echoInFlight,
                numbers(values.get("--polling-clients"), base.pollingClients),
                values.containsKey("--density") ? Integer.parseInt(values.get("--density")) : base.densityClients,
                words(values.get("--servers"), ",", base.servers),
                words(values.get("--scenarios"), ",", base.scenarios),
                words(values.get("--server-options"), " ", base.serverOptions),
                Path.of(values.getOrDefault("--socketio-dir", base.socketIoDir.toString())),
                Path.of(values.getOrDefault("--spring-jar", base.springJar.toString())),
                values.getOrDefault("--redis", base.redis), Path.of(values.getOrDefault("--out", base.out.toString())),
                smoke, deflate, protocols(values.get("--protocols"), base.protocols));
    }

    private static List<String> protocols(String list, List<String> otherwise) {
        List<String> protocols = words(list, ",", otherwise);
        for (String protocol : protocols) {
            if (!protocol.equals(JSON) && !protocol.equals(MESSAGE_PACK)) {
                throw new IllegalArgumentException("Unknown protocol " + protocol + " (json or messagepack)");
            }
        }
        return protocols;
    }

    private static List<Integer> positive(List<Integer> values, String name) {
        if (values.isEmpty() || values.stream().anyMatch(value -> value < 1)) {
            throw new IllegalArgumentException(name + " takes positive numbers");
        }
        return values;
    }

    private static List<String> words(String list, String separator, List<String> otherwise) {
        return list == null ? otherwise : List.of(list.trim().split(separator));
    }

    private static List<Integer> numbers(String list, List<Integer> otherwise) {
        if (list == null) {
            return otherwise;
        }
        return list.isEmpty() ? List.of() : Arrays.stream(list.split(",")).map(Integer::parseInt).sorted().toList();
    }

    /** The load generator's WebSocket transport: {@code ws}, or {@code ws-deflate} when clients offer deflate. */
    String webSocket() {
        return deflate ? "ws-deflate" : "ws";
    }

    /**
     * The protocols {@code server} runs each scenario in: the SignalR hub protocols asked for on Switchboard's
     * servers, the one it speaks on the others (JSON written by hand on the Spring handler).
     */
    List<String> protocolsOf(String server) {
        return switch (server) {
            case SideBySide.EMBEDDED, SideBySide.TOMCAT -> protocols;
            case "socketio" -> List.of("socket.io");
            default -> List.of(JSON);
        };
    }

    /** Messages per burst to {@code clients} clients. */
    int messagesFor(int clients) {
        return Math.max(10, Math.min(maxMessages, deliveries / clients));
    }
}
