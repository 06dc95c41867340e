package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a module's Node scripts against a test server, with the official JavaScript client
 * ({@code @microsoft/signalr}) that the module's committed {@code src/test/node/package-lock.json} pins.
 * The files of {@code src/test/node} are copied to {@code target/node-contract}, where {@code npm ci} installs
 * the client once per build (a later run reuses it). Outside CI a missing {@code node} or {@code npm} skips the
 * test; in CI ({@code CI=true}) it fails.
 *
 * <pre>{@code
 * String output = NodeContract.run("ticker-contract.mjs", "http://localhost:" + port + "/ticker");
 * }</pre>
 */
public final class NodeContract {

    /** How long one script may run: generous, for a busy two-core machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    /** Relative to the module, the working directory of its tests. */
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "node-contract");
    private static Path installed;

    private NodeContract() {
    }

    /**
     * Runs {@code node script arguments...} from {@code src/test/node}, and returns what it printed (standard
     * output and error, trimmed). Fails when the script exits with another status than 0 or outlasts
     * {@link #TIMEOUT}.
     */
    public static String run(String script, String... arguments) throws Exception {
        return runFrom(SOURCE, script, arguments);
    }

    /**
     * Like {@link #run}, with the scripts and lock file of another module's {@code src/test/node}, for a contract
     * that several modules run, such as hub-server's against the servlet host.
     *
     * @param module the other module's folder name, such as {@code hub-server}
     */
    public static String runShared(String module, String script, String... arguments) throws Exception {
        return runFrom(Path.of("..", module).resolve(SOURCE), script, arguments);
    }

    private static String runFrom(Path source, String script, String... arguments) throws Exception {
        install(source);
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        Outcome outcome = execute(command, TIMEOUT);
        if (!outcome.finished()) {
            fail(script + " did not finish in " + TIMEOUT.toSeconds() + " s: " + outcome.output());
        }
        assertTrue(outcome.status() == 0,
                script + " failed with status " + outcome.status() + ": " + outcome.output());
        return outcome.output().trim();
    }

    /** The official client's browser build, {@code signalr.min.js}, which defines the global {@code signalR}. */
    public static Path officialBrowserScript() throws Exception {
        install(SOURCE);
        return WORK.resolve("node_modules/@microsoft/signalr/dist/browser/signalr.min.js");
    }

    /** Installs the scripts and packages of {@code source}: one folder per test run. */
    /**
     * The browser build of the official MessagePack protocol, {@code signalr-protocol-msgpack.min.js}, which adds
     * {@code signalR.protocols.msgpack.MessagePackHubProtocol} to the global {@code signalR}; for a module whose
     * lock file pins {@code @microsoft/signalr-protocol-msgpack}.
     */
    public static Path officialMessagePackBrowserScript() throws Exception {
        install(SOURCE);
        return WORK.resolve("node_modules/@microsoft/signalr-protocol-msgpack/dist/browser/"
                + "signalr-protocol-msgpack.min.js");
    }

    private static synchronized void install(Path source) throws Exception {
        if (source.equals(installed)) {
            return;
        }
        Prerequisites.onPath("the official JavaScript client", "node", "npm");
        Files.createDirectories(WORK);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Installed again when the lock file changed since, such as for a new dependency.
        Path lock = WORK.resolve("package-lock.json");
        Path installedLock = WORK.resolve("node_modules/.installed-package-lock.json");
        if (!Files.isRegularFile(installedLock) || Files.mismatch(lock, installedLock) != -1) {
            Outcome npm = execute(List.of("npm", "ci", "--no-audit", "--no-fund"), INSTALL_TIMEOUT);
            assertTrue(npm.finished() && npm.status() == 0, "npm ci failed in " + WORK + ": " + npm.output());
            Files.copy(lock, installedLock, StandardCopyOption.REPLACE_EXISTING);
        }
        installed = source;
    }

    /** How a program run in {@link #WORK} ended; {@code status} is -1 when it was killed for running too long. */
    private record Outcome(boolean finished, int status, String output) {
    }

    private static Outcome execute(List<String> command, Duration timeout) throws Exception {
        // Output goes to a file, not a pipe, so that a program printing a lot never blocks on a full pipe.
        Path log = Files.createTempFile(WORK, command.get(0) + "-", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(WORK.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Outcome(finished, finished ? process.exitValue() : -1, output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
