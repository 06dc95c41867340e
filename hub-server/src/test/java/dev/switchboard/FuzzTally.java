package dev.switchboard;

import dev.switchboard.FuzzCases.Channel;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many sessions each channel sent and how they ended, for the run's summary. */
final class FuzzTally {

    private final Map<Channel, Map<String, LongAdder>> endings = new EnumMap<>(Channel.class);

    FuzzTally() {
        for (Channel channel : Channel.values()) {
            endings.put(channel, new ConcurrentHashMap<>());
        }
    }

    void add(Channel channel, String ending) {
        endings.get(channel).computeIfAbsent(ending, any -> new LongAdder()).increment();
    }

    /** One line a channel that sent anything: its sessions, then each ending, the most frequent first. */
    String summary() {
        StringBuilder out = new StringBuilder();
        endings.forEach((channel, counts) -> {
            long total = counts.values().stream().mapToLong(LongAdder::sum).sum();
            if (total == 0) {
                return;
            }
            out.append("\n  ").append(channel).append(": ").append(total).append(" sessions; ");
            counts.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> -e.getValue().sum()))
                    .forEach(e -> out.append(e.getKey()).append(" ").append(e.getValue().sum()).append(", "));
            out.setLength(out.length() - 2);
        });
        return out.toString();
    }
}
