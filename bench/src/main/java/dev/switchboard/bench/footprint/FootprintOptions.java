package dev.switchboard.bench.footprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one footprint run measures, from the command line.
 *
 * @param jar        the sample jar under test
 * @param sample     which sample it is, {@code chat}, {@code ticker} or {@code echo}: it decides the workload
 * @param clients    clients connected over WebSockets, each joining as a browser would
 * @param messages   messages the chat's fan-out broadcasts to every client
 * @param size       characters in each of them
 * @param window     messages the fan-out's sender may have unanswered
 * @param active     clients that invoke echo in a loop, in the echo sample's workload
 * @param seconds    how long the echo and ticker workloads run
 * @param runs       runs of each flag set, each on a fresh server
 * @param flagSets   the JVM flag sets, one server process each; an empty one is the JVM's defaults
 * @param serverArgs arguments for the sample after {@code --port 0}
 * @param out        the Markdown file written
 * @param append     whether the table is added to the end of {@code out} rather than replacing it
 */
record FootprintOptions(Path jar, String sample, int clients, int messages, int size, int window, int active,
                        int seconds, int runs, List<List<String>> flagSets, List<String> serverArgs, Path out,
                        boolean append) {

    static final List<String> SAMPLES = List.of("chat", "ticker", "echo");

    static final String USAGE = """
            Usage: bench/footprint [--jar samples/chat/target/chat.jar] [--sample chat|ticker|echo]
                                   [--clients 2000] [--messages 200] [--size 100] [--window 20]
                                   [--active 100] [--seconds 20] [--runs 2]
                                   [--flags "JVM FLAGS"]... [--server-args "ARGS"]
                                   [--out bench/results/FOOTPRINT.md] [--append]
              --flags        one server JVM per flag set and run; repeat for more sets; "" is the JVM's defaults
                             (the default when no --flags is given)
              --sample       the workload, from the jar's name unless given: chat broadcasts --messages to all,
                             ticker lets the market tick for --seconds, echo has --active clients invoke echo
                             for --seconds
              --append       add the table to the end of --out instead of replacing the file""";

    private static final List<String> VALUED = List.of("--jar", "--sample", "--clients", "--messages", "--size",
            "--window", "--active", "--seconds", "--runs", "--flags", "--server-args", "--out");

    static FootprintOptions parse(String[] args) {
        Path jar = Path.of("samples/chat/target/chat.jar");
        String sample = null;
        int clients = 2_000;
        int messages = 200;
        int size = 100;
        int window = 20;
        int active = 100;
        int seconds = 20;
        int runs = 2;
        List<List<String>> flagSets = new ArrayList<>();
        List<String> serverArgs = List.of();
        Path out = Path.of("bench/results/FOOTPRINT.md");
        boolean append = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--append")) {
                append = true;
                continue;
            }
            if (!VALUED.contains(name)) {
                throw new IllegalArgumentException("Unknown option " + name);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("Missing the value of " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--jar" -> jar = Path.of(value);
                case "--sample" -> sample = value;
                case "--clients" -> clients = positive(name, value);
                case "--messages" -> messages = positive(name, value);
                case "--size" -> size = positive(name, value);
                case "--window" -> window = positive(name, value);
                case "--active" -> active = positive(name, value);
                case "--seconds" -> seconds = positive(name, value);
                case "--runs" -> runs = positive(name, value);
                case "--flags" -> flagSets.add(words(value));
                case "--server-args" -> serverArgs = words(value);
                default -> out = Path.of(value);
            }
        }
        if (sample == null) {
            sample = sampleOf(jar);
        } else if (!SAMPLES.contains(sample)) {
            throw new IllegalArgumentException("--sample is one of " + SAMPLES + ", not " + sample);
        }
        if (size < 24) {
            throw new IllegalArgumentException("--size must leave room for the message's stamp: at least 24");
        }
        if (flagSets.isEmpty()) {
            flagSets.add(List.of());
        }
        return new FootprintOptions(jar, sample, clients, messages, size, window, active, seconds, runs,
                List.copyOf(flagSets), serverArgs, out, append);
    }

    /** The sample a jar's file name tells, {@code chat.jar} being the chat. */
    private static String sampleOf(Path jar) {
        String file = jar.getFileName().toString().toLowerCase(Locale.ROOT);
        return SAMPLES.stream().filter(file::startsWith).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "Cannot tell the sample from " + jar.getFileName() + ": give --sample chat, ticker or echo"));
    }

    private static List<String> words(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // The same message as a number out of range.
        }
        throw new IllegalArgumentException(name + " needs a positive number, not '" + value + "'");
    }
}
