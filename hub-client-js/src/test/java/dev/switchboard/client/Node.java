package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.testing.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs node and npm in this module's folder. In CI ({@code CI=true}) a missing node is a failure; elsewhere
 * the test is skipped with a message.
 */
final class Node {

    private static boolean installed;

    private Node() {
    }

    /** What a finished command gave. */
    record Result(int exitCode, String output) {
    }

    /** Runs a command in this module's folder and fails the test with its output when it exits with an error. */
    static String run(List<String> command, Map<String, String> environment, int timeoutSeconds) throws Exception {
        return run(command, Path.of(""), environment, timeoutSeconds);
    }

    /** Runs a command in {@code directory} and fails the test with its output when it exits with an error. */
    static String run(List<String> command, Path directory, Map<String, String> environment, int timeoutSeconds)
            throws Exception {
        Result result = exec(command, directory, environment, timeoutSeconds);
        assertTrue(result.exitCode() == 0, String.join(" ", command) + " failed:\n" + result.output());
        return result.output();
    }

    /** Runs a command to completion, failing the test only when it does not finish in time. */
    static Result exec(List<String> command, Path directory, Map<String, String> environment, int timeoutSeconds)
            throws Exception {
        Prerequisites.onPath("the JavaScript client tests (install Debian's nodejs and npm)", "node", "npm");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toAbsolutePath().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Read while it runs, so a chatty process never blocks on a full pipe.
        var output = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                process.getInputStream().transferTo(output);
            } catch (IOException e) {
                // The process ended; what was read is kept.
            }
        });
        reader.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        reader.join(10_000);
        String text = output.toString(StandardCharsets.UTF_8);
        if (!finished) {
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + text);
        }
        return new Result(process.exitValue(), text);
    }

    /** Installs the pinned development tools (esbuild, TypeScript, the official client) once per build. */
    static synchronized void npmInstall() throws Exception {
        if (installed) {
            return;
        }
        boolean present = Stream.of("esbuild", "typescript", "@microsoft/signalr", "@microsoft/signalr-protocol-msgpack",
                        "@msgpack/msgpack", "ws")
                .allMatch(module -> Files.isDirectory(Path.of("node_modules", module)));
        if (!present) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
        }
        installed = true;
    }

}
