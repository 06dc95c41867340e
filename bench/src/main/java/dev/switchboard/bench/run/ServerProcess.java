package dev.switchboard.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server under test, in a process of its own so that its CPU time and memory are its alone. */
public final class ServerProcess implements Deployment {

    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final String name;
    private final ChildProcess process;
    private final int port;

    private ServerProcess(String name, ChildProcess process) {
        this.name = name;
        this.process = process;
        this.port = Integer.parseInt(process.skipTo("ready", START_LIMIT));
    }

    /** Switchboard's {@code BenchServer} from {@code jar} in a JVM started with {@code jvmOptions}. */
    public static ServerProcess switchboard(Path jar, List<String> jvmOptions, Path logs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java().toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar.toString(), "dev.switchboard.bench.server.BenchServer", "0"));
        return new ServerProcess("switchboard", new ChildProcess("switchboard server", command,
                logs.resolve("switchboard-server.log")));
    }

    /**
     * Switchboard's {@code BenchServer} with a {@code RedisBackplane} on {@code redisUri}: server
     * {@code number} of a scale-out, named and logged as such.
     */
    public static ServerProcess switchboardOnRedis(Path jar, List<String> jvmOptions, Path logs, String redisUri,
                                                   int number) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java().toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar.toString(), "dev.switchboard.bench.server.BenchServer", "0", redisUri));
        return new ServerProcess("switchboard " + number, new ChildProcess("switchboard server " + number, command,
                logs.resolve("switchboard-server-" + number + ".log")));
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

    /** Its resident set size in bytes. */
    public long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("No VmRSS for " + name);
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
        process.close();
    }
}
