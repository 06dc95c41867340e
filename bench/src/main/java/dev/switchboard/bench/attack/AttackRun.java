package dev.switchboard.bench.attack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Attacks a server jar as the hostile-traffic issue did, each attack on a fresh process, and writes what the
 * server answered with its heap (after GC) and resident set before, at the height of the attack, and after:
 * {@code bench/attack --jar samples/chat/target/chat.jar --out bench/results/ATTACKS.md [--only idle,pings]}.
 * The jar must take {@code --port} and {@code --max-connections}, and serve a chat hub at {@code /chat}.
 */
public final class AttackRun {

    private AttackRun() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = null;
        Path out = null;
        Set<String> only = Set.of();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--only" -> only = Set.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (jar == null || out == null) {
            System.err.println("Usage: bench/attack --jar SERVER.jar --out FILE.md [--only KEY,KEY]");
            System.exit(2);
        }
        Path logs = Files.createDirectories(out.toAbsolutePath().getParent().resolve("logs"));
        List<String> rows = new ArrayList<>();
        List<Attack> attacks = Stream.of(SlowHttpAttacks.all(), WebSocketAttacks.all(), ServerAttacks.all())
                .flatMap(List::stream).toList();
        for (Attack attack : attacks) {
            if (!only.isEmpty() && !only.contains(attack.key())) {
                continue;
            }
            System.out.println("Attack: " + attack.name());
            String row = run(jar, logs.resolve("attack-" + attack.key() + ".log"), attack);
            System.out.println(row);
            rows.add(row);
        }
        String table = String.join("\n", List.of(
                "Attacks on `" + jar + "` (`bench/attack --jar " + jar + " --out " + out + "`), each on a fresh server "
                        + "with the JVM's default heap. Memory is heap after a full GC / resident set, in MB.",
                "",
                "| attack | the server's answer | before | at the height | after |",
                "| --- | --- | ---: | ---: | ---: |")) + "\n" + String.join("\n", rows) + "\n";
        Files.writeString(out, table);
        System.out.println(table);
    }

    private static String run(Path jar, Path log, Attack attack) throws Exception {
        String[] args = attack.serverArgs().toArray(String[]::new);
        try (Target target = Target.start(jar, log, attack.fileLimit(), args)) {
            Target.Memory before = target.memory();
            Target.Memory[] height = new Target.Memory[1];
            String answer;
            try {
                answer = attack.body().run(target, () -> height[0] = target.memory());
            } catch (Exception e) {
                answer = "the attack failed: " + e;
            }
            if (!target.alive()) {
                return "| " + attack.name() + " | " + answer + "; the server died | " + before + " | "
                        + height[0] + " | — |";
            }
            Target.Memory after = target.memory();
            return "| " + attack.name() + " | " + answer.replace("|", "\\|") + " | " + before + " | " + height[0]
                    + " | " + after + " |";
        }
    }
}
