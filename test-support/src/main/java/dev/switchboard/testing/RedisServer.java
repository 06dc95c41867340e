package dev.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@code redis-server} for one test class, on a free loopback port with persistence off. It can be
 * stopped and started again on the same port, as a Redis restart in production would be. Outside CI a test
 * is skipped when redis-server is missing; in CI ({@code CI=true}) it fails.
 */
public final class RedisServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/redis-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path log;
    private Process process;

    private RedisServer(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** Starts redis-server on a free loopback port. */
    public static RedisServer start() throws IOException {
        if (!Files.isExecutable(BINARY)) {
            Prerequisites.missing("redis-server is required (apt-get install redis-server): " + BINARY + " is missing");
        }
        RedisServer server = new RedisServer(Loopback.freePort(), Files.createTempFile("redis-server", ".log"));
        server.startAgain();
        return server;
    }

    /** {@code redis://127.0.0.1:PORT}, for Lettuce and the samples' {@code --redis}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Kills the server at once, as a crash would; its data is gone, since nothing is persisted. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Starts the server again on the same port, and returns once it answers PING. */
    public synchronized void startAgain() throws IOException {
        if (process != null) {
            throw new IllegalStateException("redis-server is already running on port " + port);
        }
        process = new ProcessBuilder(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitPong();
    }

    /** Sends one command and returns its raw reply, such as {@code INFO commandstats}. */
    public String command(String... words) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) START_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                        .append(word).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(socket.getInputStream());
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        stop();
        Files.deleteIfExists(log);
    }

    private void awaitPong() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                if (command("PING").contains("PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("redis-server exited with " + process.exitValue() + ": "
                            + String.join("\n", Files.readAllLines(log)));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("redis-server did not answer on port " + port + " within " + START_TIMEOUT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Reads one RESP reply: a simple line, or a bulk string whole; enough for PING, INFO and the like. */
    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        if (!line.startsWith("$") || line.equals("$-1")) {
            return line;
        }
        byte[] bulk = in.readNBytes(Integer.parseInt(line.substring(1)) + 2);
        return new String(bulk, 0, bulk.length - 2, StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (c == -1 && line.isEmpty()) {
            throw new IOException("Redis closed the connection");
        }
        return line.toString();
    }

    /** The stats line of one command from {@code INFO commandstats}, for counting what was published. */
    public long calls(String command) throws IOException {
        String prefix = "cmdstat_" + command.toLowerCase() + ":calls=";
        for (String line : List.of(command("INFO", "commandstats").split("\n"))) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length(), line.indexOf(',', prefix.length())));
            }
        }
        return 0;
    }
}
