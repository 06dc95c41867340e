package dev.switchboard.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A server under test, in a process of its own so that its CPU time and memory are its alone. */
public final class ServerProcess implements Deployment {

    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** The system property that sets the bench server's {@code maximumParallelInvocationsPerClient}. */
    public static final String BENCH_PARALLEL = "switchboard.bench.parallel";
    /** What the sample jars print once they listen: "Chat room running at http://localhost:8080/". */
    private static final Pattern SAMPLE_READY = Pattern.compile(" running at https?://localhost:(\\d+)/");

    private final String name;
    private final ChildProcess process;
    private final int port;
    /** Whether it stops on SIGTERM rather than at the end of its standard input. */
    private final boolean terminate;

    private ServerProcess(String name, ChildProcess process) {
        this.name = name;
        this.process = process;
        this.port = Integer.parseInt(process.skipTo("ready", START_LIMIT));
        this.terminate = false;
    }

    private ServerProcess(String name, ChildProcess process, Pattern ready) {
        this.name = name;
        this.process = process;
        this.port = Integer.parseInt(process.skipToMatch(ready, START_LIMIT));
        this.terminate = true;
    }

    /**
     * A sample jar run as its README says, {@code java <jvmOptions> -jar <jar> --port 0 <args>}, once it
     * prints where it is running; closing it sends SIGTERM, as Ctrl+C would.
     */
    public static ServerProcess sample(Path jar, List<String> jvmOptions, List<String> args, Path log)
            throws IOException {
        String name = jar.getFileName().toString();
        return new ServerProcess(name, new ChildProcess(name, sampleCommand(ChildProcess.java().toString(), jar,
                jvmOptions, args), log), SAMPLE_READY);
    }

    /** The command line of {@link #sample}, with {@code java} for the JVM's path. */
    public static List<String> sampleCommand(String java, Path jar, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--port", "0"));
        command.addAll(args);
        return command;
    }

    /** {@code java jvmOptions -cp jar mainClass arguments}. */
    private static List<String> javaMain(List<String> jvmOptions, Path jar, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java().toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar.toString(), mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Switchboard's {@code BenchServer} from {@code jar} in a JVM started with {@code jvmOptions}. */
    public static ServerProcess switchboard(Path jar, List<String> jvmOptions, Path logs) throws IOException {
        List<String> command = javaMain(jvmOptions, jar, "dev.switchboard.bench.server.BenchServer", "0");
        return new ServerProcess("switchboard", new ChildProcess("switchboard server", command,
                logs.resolve("switchboard-server.log")));
    }

    /**
     * Switchboard's {@code BenchServer} letting {@code parallel} calls of a connection run at once
     * ({@code maximumParallelInvocationsPerClient}).
     */
    public static ServerProcess switchboard(Path jar, List<String> jvmOptions, int parallel, Path logs)
            throws IOException {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-D" + BENCH_PARALLEL + "=" + parallel);
        List<String> command = javaMain(options, jar, "dev.switchboard.bench.server.BenchServer", "0");
        return new ServerProcess("switchboard", new ChildProcess("switchboard server", command,
                logs.resolve("switchboard-server.log")));
    }

    /**
     * Switchboard's {@code BenchServer} with a {@code RedisBackplane} on {@code redisUri}: server
     * {@code number} of a scale-out, named and logged as such.
     */
    public static ServerProcess switchboardOnRedis(Path jar, List<String> jvmOptions, Path logs, String redisUri,
                                                   int number) throws IOException {
        List<String> command = javaMain(jvmOptions, jar, "dev.switchboard.bench.server.BenchServer", "0", redisUri);
        return new ServerProcess("switchboard " + number, new ChildProcess("switchboard server " + number, command,
                logs.resolve("switchboard-server-" + number + ".log")));
    }

    /**
     * bench's {@code BenchHub} served by hub-servlet in an embedded Tomcat ({@code TomcatBenchServer}), from
     * {@code jar}, in a JVM started with {@code jvmOptions}.
     */
    public static ServerProcess switchboardTomcat(Path jar, List<String> jvmOptions, Path logs) throws IOException {
        List<String> command = javaMain(jvmOptions, jar, "dev.switchboard.bench.server.TomcatBenchServer", "0");
        return new ServerProcess("switchboard-tomcat", new ChildProcess("switchboard-tomcat server", command,
                logs.resolve("switchboard-tomcat-server.log")));
    }

    /**
     * The chat as a plain Spring Boot application with a {@code TextWebSocketHandler}, {@code springJar}
     * (bench/spring-server's), in a JVM started with {@code jvmOptions}: Spring Boot's defaults otherwise, so its
     * Tomcat agrees to permessage-deflate when clients offer it ({@code -Dchat.permessage-deflate=false} among
     * {@code jvmOptions} turns that off).
     */
    public static ServerProcess spring(Path springJar, List<String> jvmOptions, Path logs) throws IOException {
        if (!Files.isRegularFile(springJar)) {
            throw new IOException(springJar + " is missing: build it with mvn -q -DskipTests package -pl bench -am");
        }
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java().toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", springJar.toString(), "--server.port=0"));
        return new ServerProcess("spring-websocket", new ChildProcess("spring-websocket server", command,
                logs.resolve("spring-websocket-server.log")));
    }

    /** The socket.io peer, {@code server.js} in {@code directory}, whose node_modules must be installed. */
    public static ServerProcess socketIo(Path directory, Path logs) throws IOException {
        if (!Files.isDirectory(directory.resolve("node_modules/socket.io"))) {
            throw new IOException("socket.io is not installed: run npm ci in " + directory);
        }
        List<String> command = List.of("node", "--expose-gc", directory.resolve("server.js").toString(), "0");
        return new ServerProcess("socket.io", new ChildProcess("socket.io server", command,
                logs.resolve("socketio-server.log")));
    }

    @Override
    public String name() {
        return name;
    }

    /** Where clients reach it: {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public List<String> addresses() {
        return List.of(address());
    }

    @Override
    public CpuTime cpuTime() throws IOException {
        return CpuTime.of(process.pid());
    }

    @Override
    public long publishes() {
        return -1;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public long peakRssBytes() throws IOException {
        return status("VmHWM") * 1024;
    }

    /** Its resident set size in bytes. */
    public long rssBytes() throws IOException {
        return status("VmRSS") * 1024;
    }

    /** A number field of its {@code /proc/PID/status}: {@code VmRSS} and {@code VmHWM} in kB, {@code Threads}. */
    public long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("No " + field + " for " + name);
    }

    /**
     * Its resident set size once it stops shrinking: JDK 17's G1 gives memory back concurrently after a
     * collection, so a reading taken at once would count heap already freed. Waits at most 20 s.
     */
    public long settledRss() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long previous = rssBytes();
        while (System.nanoTime() < deadline) {
            TimeUnit.SECONDS.sleep(2);
            long now = rssBytes();
            if (now >= previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    /** The heap in use after a full collection, in bytes. */
    public long heapAfterGc() {
        return Long.parseLong(process.request("heap", "heap", Duration.ofSeconds(60)));
    }

    @Override
    public void close() {
        if (terminate) {
            process.terminate();
        } else {
            process.close();
        }
    }
}
