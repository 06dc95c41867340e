package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a JVM of its own, on the tests' class path, with every Switchboard logger at
 * TRACE: slf4j-simple fixes a logger's level when the logger is first made, so a test's own JVM cannot turn its
 * levels up. The clients' SignalR logging is off, since what a client logs is not the server's doing.
 */
final class DetailedLogRun {

    private DetailedLogRun() {
    }

    /** Everything the run printed, both streams, in UTF-8; fails unless it exits with 0 within 60 s. */
    static String output(Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dfile.encoding=UTF-8",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                "-Dorg.slf4j.simpleLogger.log.dev.switchboard=trace",
                "-Dorg.slf4j.simpleLogger.log.com.microsoft.signalr=off",
                main.getName()));
        command.addAll(List.of(args));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                run.getInputStream().transferTo(output);
            } catch (IOException e) {
                // The process ended; what was read is kept.
            }
        });
        reader.start();
        boolean finished = run.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            run.destroyForcibly();
        }
        reader.join(10_000);
        String logged = output.toString(StandardCharsets.UTF_8);
        assertTrue(finished, "The run did not finish:\n" + logged);
        assertEquals(0, run.exitValue(), logged);
        return logged;
    }
}
