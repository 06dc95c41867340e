package dev.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Runs the comparison: {@code java -jar bench/target/bench.jar [options]}, or {@code bench/run}, which also
 * builds it and installs the socket.io peer. Writes the Markdown table to {@code --out}.
 */
public final class Main {

    private static final int USAGE_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(USAGE_ERROR);
            return;
        }
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path logs = Files.createDirectories(options.out().toAbsolutePath().getParent().resolve("logs"));
        Comparison comparison = new Comparison(options, jar, logs);
        comparison.run();
        String command = (options.smoke() ? "java -jar bench/target/bench.jar" : "bench/run")
                + Arrays.stream(args).map(arg -> " " + (arg.contains(" ") ? '"' + arg + '"' : arg))
                        .collect(Collectors.joining());
        String markdown = new Report(comparison, options, command).markdown();
        Files.writeString(options.out(), markdown);
        System.out.println(markdown);
        if (!comparison.failures.isEmpty()) {
            System.exit(1);
        }
    }
}
