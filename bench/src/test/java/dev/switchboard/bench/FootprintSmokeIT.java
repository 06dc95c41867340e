package dev.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code bench/footprint} working: the packaged jar measures each sample jar with a few clients under
 * two flag sets and writes its tables. Nothing about memory is asserted, only that every run completed (the
 * tool exits with 1 when one failed, lost a message or a connection) and every row was written.
 */
class FootprintSmokeIT {

    private static final Path OUT = Path.of("target", "FOOTPRINT-smoke.md");

    @Test
    void measuresEverySampleUnderEachFlagSet() throws Exception {
        Files.deleteIfExists(OUT);
        footprint("chat", "--messages", "5");
        footprint("ticker", "--seconds", "2", "--append");
        footprint("echo", "--seconds", "2", "--active", "5", "--append");

        String tables = Files.readString(OUT);
        for (String jar : List.of("chat.jar", "ticker.jar", "echo.jar")) {
            assertTrue(tables.contains("## " + jar + ", 20 clients"), tables);
        }
        List<String> rows = tables.lines().filter(line -> line.startsWith("| (JVM defaults) |")
                || line.startsWith("| `-XX:+UseSerialGC -Xmx64m` |")).toList();
        assertEquals(6, rows.size(), tables);
        rows.forEach(row -> assertTrue(row.contains("0 connections lost"), row));
    }

    private static void footprint(String sample, String... workload) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("bench.jar"), "dev.switchboard.bench.footprint.Footprint",
                "--jar", "../samples/" + sample + "/target/" + sample + ".jar", "--clients", "20", "--runs", "1",
                "--flags", "", "--flags", "-XX:+UseSerialGC -Xmx64m", "--out", OUT.toString()));
        command.addAll(List.of(workload));
        Path log = Files.createTempFile("footprint-smoke", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (!finished || process.exitValue() != 0) {
            fail(String.join(" ", command) + (finished ? " failed" : " did not finish in 300 s") + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
