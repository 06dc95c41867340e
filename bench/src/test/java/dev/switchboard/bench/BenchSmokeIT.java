package dev.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.testing.Prerequisites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark working: the packaged jar runs every scenario against both servers, and the fan-out
 * over two Switchboard servers on Redis, with a few dozen clients and writes its table. Nothing about speed
 * is asserted, only that every row was measured, no message was lost and Redis saw one PUBLISH per
 * broadcast. Needs node and npm for the socket.io peer and redis-server: a failure in CI, a skip elsewhere.
 */
class BenchSmokeIT {

    private static final Path SOCKET_IO = Path.of("socketio");
    private static final Path RESULTS = Path.of("target", "RESULTS-smoke.md");
    private static final String SCALED_OUT = "| 2 × switchboard + Redis |";
    private static final Path SPRING_JAR = Path.of("spring-server", "target", "spring-server.jar");
    private static final Path SIDE_BY_SIDE = Path.of("target", "RESULTS-side-by-side-smoke.md");
    private static final Path PROTOCOLS = Path.of("target", "RESULTS-protocols-smoke.md");

    @Test
    void theComparisonRunsEveryScenarioAgainstBothServers() throws Exception {
        Prerequisites.onPath("the socket.io side of the benchmark", "node", "npm");
        Prerequisites.onPath("the benchmark's fan-out through Redis", "redis-server");
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), SOCKET_IO, 300);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        run(List.of(java, "-jar", System.getProperty("bench.jar"), "--smoke", "--socketio-dir", SOCKET_IO.toString(),
                "--out", RESULTS.toString()), Path.of("."), 600);

        String table = Files.readString(RESULTS);
        assertFalse(table.contains("## Not measured"), table);
        for (String section : List.of("Fan-out", "Latency", "Density", "Echo")) {
            List<String> rows = rows(table, section);
            assertTrue(rows.stream().anyMatch(row -> row.contains("| switchboard |")), section + ":\n" + table);
            assertTrue(rows.stream().anyMatch(row -> row.contains("| socket.io |")), section + ":\n" + table);
        }
        assertFalse(rows(table, "Long-polling").isEmpty(), table);
        assertTrue(rows(table, "Latency").stream().anyMatch(row -> row.contains(SCALED_OUT)), table);
        List<String> scaledOut = rows(table, "Fan-out across two servers");
        assertTrue(scaledOut.stream().anyMatch(row -> row.contains("| switchboard |")), table);
        for (String row : scaledOut.stream().filter(row -> row.contains(SCALED_OUT)).toList()) {
            assertTrue(row.endsWith("| 1.00 | 0 |"), "not one PUBLISH per broadcast: " + row);
        }
        for (String section : List.of("Fan-out", "Latency", "Echo", "Long-polling", "Fan-out across two servers")) {
            for (String row : rows(table, section)) {
                assertTrue(row.endsWith("| 0 |"), "lost messages or failed calls: " + row);
            }
        }
    }

    /**
     * The side-by-side of the embedded server, hub-servlet in Tomcat and the plain Spring handler, with receivers that
     * offer permessage-deflate (Tomcat's client): every row measured, nothing lost. Needs nothing outside the build.
     */
    @Test
    void theSideBySideRunsOnTomcatAndSpring() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        run(List.of(java, "-jar", System.getProperty("bench.jar"), "--smoke", "--deflate", "--servers",
                "switchboard,switchboard-tomcat,spring-websocket", "--scenarios", "fan-out,echo", "--spring-jar",
                SPRING_JAR.toString(), "--out", SIDE_BY_SIDE.toString()), Path.of("."), 600);

        String table = Files.readString(SIDE_BY_SIDE);
        assertFalse(table.contains("## Not measured"), table);
        String section = table.substring(table.indexOf("## In a servlet container"));
        List<String> rows = section.substring(0, section.indexOf("\n## ", 3)).lines()
                .filter(line -> line.startsWith("| fan-out |") || line.startsWith("| echo |")).toList();
        for (String server : List.of("switchboard", "switchboard-tomcat", "spring-websocket")) {
            assertTrue(rows.stream().anyMatch(row -> row.contains("| " + server + " |")), server + ":\n" + table);
        }
        for (String row : rows) {
            assertTrue(row.endsWith("| 0 |") || row.contains("×"), "lost messages or failed calls: " + row);
        }
    }

    /**
     * The fan-out and the echo on the embedded server in JSON and then in MessagePack, every client (the sender
     * too) speaking the row's protocol: both measured, nothing lost. Needs nothing outside the build.
     */
    @Test
    void theFanOutAndEchoRunInJsonAndMessagePack() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        run(List.of(java, "-jar", System.getProperty("bench.jar"), "--smoke", "--servers", "switchboard",
                "--protocols", "json,messagepack", "--scenarios", "fan-out,echo", "--out", PROTOCOLS.toString()),
                Path.of("."), 600);

        String table = Files.readString(PROTOCOLS);
        assertFalse(table.contains("## Not measured"), table);
        for (String section : List.of("Fan-out", "Latency", "Echo")) {
            for (String protocol : List.of("json", "messagepack")) {
                assertTrue(rows(table, section).stream().anyMatch(row -> row.contains("| switchboard | " + protocol
                        + " |")), section + " in " + protocol + ":\n" + table);
            }
            for (String row : rows(table, section)) {
                assertTrue(row.endsWith("| 0 |"), "lost messages or failed calls: " + row);
            }
        }
    }

    /** The data rows of the table under the heading that starts with {@code heading}. */
    private static List<String> rows(String markdown, String heading) {
        String section = markdown.substring(markdown.indexOf("## " + heading));
        int next = section.indexOf("\n## ", 3);
        return section.substring(0, next < 0 ? section.length() : next).lines()
                .filter(line -> line.matches("\\| [0-9,]+ \\|.*")).toList();
    }

    private static void run(List<String> command, Path directory, int timeoutSeconds) throws Exception {
        Path log = Files.createTempFile("bench-smoke", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!finished || process.exitValue() != 0) {
            fail(String.join(" ", command) + (finished ? " failed" : " did not finish in " + timeoutSeconds + " s")
                    + ":\n" + output);
        }
    }

}
