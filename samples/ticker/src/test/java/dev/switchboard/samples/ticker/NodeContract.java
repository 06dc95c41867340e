package dev.switchboard.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code src/test/node/ticker-contract.mjs}: the ticker contract with the official JavaScript client
 * (@microsoft/signalr, pinned by the committed lock file) in Node, installed once into target/. Outside CI
 * a missing Node skips the test; in CI ({@code CI=true}) it fails.
 */
final class NodeContract {

    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "node-contract");
    private static boolean installed;

    private NodeContract() {
    }

    /** Runs the contract against the hub at {@code url}, and returns what it printed. */
    static String run(String url) throws Exception {
        install();
        Process node = new ProcessBuilder("node", "ticker-contract.mjs", url)
                .directory(WORK.toFile()).redirectErrorStream(true).start();
        boolean finished = node.waitFor(90, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
            fail("The JavaScript ticker contract did not finish in 90 s: " + output);
        }
        assertTrue(node.exitValue() == 0, "The JavaScript ticker contract failed: " + output);
        return output.trim();
    }

    /** The official client's browser build, {@code signalr.min.js}, the global {@code signalR}. */
    static Path officialBrowserScript() throws Exception {
        install();
        return WORK.resolve("node_modules/@microsoft/signalr/dist/browser/signalr.min.js");
    }

    private static synchronized void install() throws Exception {
        if (installed) {
            return;
        }
        if (!onPath("node") || !onPath("npm")) {
            if ("true".equals(System.getenv("CI"))) {
                fail("node and npm are required in CI to run the official JavaScript client");
            }
            Assumptions.abort("node or npm is missing; skipping the JavaScript client tests");
        }
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "ticker-contract.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/@microsoft/signalr"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(WORK.toFile()).redirectErrorStream(true).start();
            boolean finished = npm.waitFor(5, TimeUnit.MINUTES);
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(finished && npm.exitValue() == 0, "npm ci failed: " + output);
        }
        installed = true;
    }

    private static boolean onPath(String program) throws IOException, InterruptedException {
        Process which = new ProcessBuilder("sh", "-c", "command -v " + program).start();
        return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
    }
}
