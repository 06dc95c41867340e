package dev.switchboard.bench.footprint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Measures a sample jar's memory with many clients: {@code bench/footprint [options]} (see
 * {@link FootprintOptions#USAGE}). Each JVM flag set runs the sample as its own process, connects the clients
 * through the benchmark's load generator, and reads the server's RSS, heap and CPU time; the table goes to
 * {@code --out}. Exits with 1 when a run failed or lost anything.
 */
public final class Footprint {

    private static final int USAGE_ERROR = 2;

    private Footprint() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(FootprintOptions.USAGE);
            return;
        }
        FootprintOptions options;
        try {
            options = FootprintOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(FootprintOptions.USAGE);
            System.exit(USAGE_ERROR);
            return;
        }
        if (!Files.isRegularFile(options.jar())) {
            System.err.println("Error: no " + options.jar() + "; build it with mvn -q -DskipTests package");
            System.exit(USAGE_ERROR);
            return;
        }
        Path benchJar = Path.of(Footprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path logs = Files.createDirectories(options.out().toAbsolutePath().getParent().resolve("logs"));
        String loadBefore = FootprintReport.loadAverage();
        List<List<Measurement>> bySet = new ArrayList<>();
        boolean failed = false;
        for (int set = 1; set <= options.flagSets().size(); set++) {
            List<String> flags = options.flagSets().get(set - 1);
            List<Measurement> runs = new ArrayList<>();
            for (int run = 1; run <= options.runs(); run++) {
                System.out.printf("%s %s, run %d...%n", options.jar().getFileName(), FootprintReport.flags(flags), run);
                Measurement m = Measurement.run(options, set, run, benchJar, logs);
                System.out.printf("  after join %d MiB, workload %s MiB, %s%n", m.joinedKb / 1024,
                        m.during == null ? "-" : m.during.minKb() / 1024 + "-" + m.during.maxKb() / 1024,
                        m.succeeded() ? m.outcome.summary() : "FAILED: " + m.failure);
                failed |= !m.succeeded();
                runs.add(m);
            }
            bySet.add(runs);
        }
        String command = "bench/footprint" + Arrays.stream(args)
                .map(arg -> " " + (arg.isEmpty() || arg.contains(" ") ? '"' + arg + '"' : arg))
                .collect(Collectors.joining());
        String markdown = new FootprintReport(options, command, bySet, loadBefore,
                FootprintReport.loadAverage()).markdown();
        if (options.append() && Files.exists(options.out())) {
            Files.writeString(options.out(), "\n" + markdown, StandardOpenOption.APPEND);
        } else {
            Files.writeString(options.out(), "# Memory footprint of the sample jars\n\n" + markdown);
        }
        System.out.println(markdown);
        if (failed) {
            System.exit(1);
        }
    }
}
