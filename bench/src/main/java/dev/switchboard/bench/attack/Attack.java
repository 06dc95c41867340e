package dev.switchboard.bench.attack;

import java.util.List;

/**
 * One attack on a fresh server: its name, the server's command-line options and file limit, and what it does.
 *
 * @param key a short name to pick it with {@code --only}
 * @param fileLimit the server's {@code ulimit -n}, or 0 for the inherited one
 */
record Attack(String key, String name, List<String> serverArgs, int fileLimit, Body body) {

    Attack(String key, String name, Body body) {
        this(key, name, List.of(), 0, body);
    }

    /** What the attack does; it calls {@code peak.reached()} once, where it holds the most on the server. */
    @FunctionalInterface
    interface Body {
        String run(Target target, Peak peak) throws Exception;
    }

    /** Measures the server at the attack's height. */
    @FunctionalInterface
    interface Peak {
        void reached() throws Exception;
    }
}
