package dev.switchboard.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under attack: a server jar (the chat room) in a process of its own, with the JVM's default heap, its
 * standard output and error in one log file, and its memory read from outside: heap after a full GC through
 * {@code jcmd}, and the process's resident set from {@code /proc}.
 */
final class Target implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+\\d+K, used (\\d+)K");

    final int port;
    final Path log;
    private final Process process;

    private Target(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code jar} on a free port with {@code args}, and waits until it accepts connections.
     *
     * @param fileLimit the process's limit of open files ({@code ulimit -n}), or 0 to keep the inherited one
     */
    static Target start(Path jar, Path log, int fileLimit, String... args) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", Integer.toString(port)));
        java.addAll(List.of(args));
        List<String> command = fileLimit > 0
                ? List.of("bash", "-c", "ulimit -n " + fileLimit + " && exec \"$@\"", "target") : new ArrayList<>();
        List<String> all = new ArrayList<>(command);
        all.addAll(java);
        Process process = new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Target target = new Target(port, log, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!target.accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                target.close();
                throw new IOException("The server did not start; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return target;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Heap in use after a full collection, in bytes. */
    long heapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IOException("jcmd GC.heap_info gave no heap figure for " + pid());
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** The process's resident set, in bytes. */
    long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("No VmRSS for " + pid());
    }

    /** Heap after GC and resident set now. */
    Memory memory() throws IOException, InterruptedException {
        return new Memory(heapAfterGc(), rss());
    }

    /** The lines the server has logged so far. */
    List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), command).redirectErrorStream(true).start();
        byte[] output = jcmd.getInputStream().readAllBytes();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + command + " did not finish");
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Heap after GC and resident set, in bytes. */
    record Memory(long heap, long rss) {

        @Override
        public String toString() {
            return mb(heap) + " / " + mb(rss);
        }

        private static String mb(long bytes) {
            return String.format("%.1f", bytes / 1048576.0);
        }
    }
}
