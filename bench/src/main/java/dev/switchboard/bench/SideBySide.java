package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The report's section on Switchboard in a servlet container and against a plain Spring handler: the fan-out
 * and echo rows of the embedded server, hub-servlet in Tomcat and the Spring {@code TextWebSocketHandler} in one
 * table, their CPU per delivery as ratios, and the two targets: Switchboard in Tomcat at most 2× the
 * embedded server's CPU per delivery, and the Spring handler at least 5× Switchboard in Tomcat's. Rows compare
 * within one protocol: the Spring handler speaks JSON alone.
 */
final class SideBySide {

    static final String EMBEDDED = "switchboard";
    static final String TOMCAT = "switchboard-tomcat";
    static final String SPRING = "spring-websocket";
    private static final double TOMCAT_TARGET = 2;
    private static final double SPRING_TARGET = 5;
    /** The length of the echo scenario's argument. */
    private static final int ECHO_SIZE = 32;

    /** One row: a fan-out or the echo, reduced to what the comparison shows. */
    private record Row(String scenario, int clients, int size, String server, String protocol, double perSecond,
                       double cpuMicros, Histogram latencyMicros, long peakRss, long lost) {

        boolean sameRun(Row other) {
            return scenario.equals(other.scenario) && clients == other.clients && size == other.size
                    && protocol.equals(other.protocol);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    SideBySide(Comparison results) {
        for (Rows.FanOut row : results.fanOuts) {
            if (isCompared(row.server())) {
                rows.add(new Row("fan-out", row.clients(), row.size(), row.server(), row.protocol(),
                        row.deliveriesPerSecond(), row.cpuMicrosPerDelivery(), row.latencyMicros(), row.peakRss(),
                        row.lost()));
            }
        }
        for (Rows.Echo row : results.echoes) {
            // The servers are compared at SignalR's default; the other limits are the echo table's alone.
            if (isCompared(row.server()) && row.parallel() <= 1) {
                rows.add(new Row("echo", row.clients(), ECHO_SIZE, row.server(), row.protocol(),
                        row.roundTripsPerSecond(), row.cpuMicrosPerRoundTrip(), row.roundTripMicros(), row.peakRss(),
                        row.failures()));
            }
        }
    }

    private static boolean isCompared(String server) {
        return server.equals(EMBEDDED) || server.equals(TOMCAT) || server.equals(SPRING);
    }

    /** Whether there is anything to compare: a row of Tomcat or Spring. */
    boolean applies() {
        return rows.stream().anyMatch(row -> !row.server.equals(EMBEDDED));
    }

    /** The section: the rows, then the ratios of CPU per delivery. */
    void section(Consumer<String> line) {
        line.accept("## In a servlet container and against a plain Spring handler");
        line.accept("");
        line.accept("The same fan-out and echo on the embedded server (`switchboard`), on hub-servlet in an embedded "
                + "Tomcat (`switchboard-tomcat`) and on a Spring Boot application with a hand-written "
                + "`TextWebSocketHandler` (`spring-websocket`, bench/spring-server). For the echo, a delivery is a "
                + "round trip. Peak RSS is the server's VmHWM at the end of the row.");
        line.accept("");
        line.accept("| scenario | clients | payload | server | protocol | deliveries/s | server CPU per delivery | p99 | peak RSS | lost |");
        line.accept("|---|---:|---:|---|---|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            line.accept(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %,.0f | %.2f µs | %s | %,.0f MB | %,d |",
                    row.scenario, row.clients, Report.bytes(row.size), row.server, row.protocol, row.perSecond,
                    row.cpuMicros,
                    Report.millis(row.latencyMicros, 99), row.peakRss / 1048576.0, row.lost));
        }
        line.accept("");
        line.accept("Server CPU per delivery as ratios:");
        line.accept("");
        line.accept("| scenario | clients | payload | protocol | switchboard-tomcat ÷ switchboard | spring-websocket ÷ switchboard-tomcat | spring-websocket ÷ switchboard |");
        line.accept("|---|---:|---:|---|---:|---:|---:|");
        for (Row embedded : ofServer(EMBEDDED)) {
            line.accept(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s |", embedded.scenario,
                    embedded.clients, Report.bytes(embedded.size), embedded.protocol,
                    ratio(TOMCAT, EMBEDDED, embedded), ratio(SPRING, TOMCAT, embedded),
                    ratio(SPRING, EMBEDDED, embedded)));
        }
        line.accept("");
    }

    /** The rows of the targets table. */
    void targets(Consumer<String> line) {
        for (Row tomcat : ofServer(TOMCAT)) {
            Optional<Row> embedded = match(EMBEDDED, tomcat);
            if (embedded.isPresent()) {
                double ratio = tomcat.cpuMicros / embedded.get().cpuMicros;
                line.accept(String.format(Locale.ROOT,
                        "| %s %,d × %s%s: Switchboard in Tomcat ≤ 2× the embedded server's CPU per delivery | %.2f× | %s |",
                        tomcat.scenario, tomcat.clients, Report.bytes(tomcat.size), Report.in(tomcat.protocol), ratio,
                        Report.yesNo(ratio <= TOMCAT_TARGET && tomcat.lost == 0)));
            }
            Optional<Row> spring = match(SPRING, tomcat);
            if (spring.isPresent()) {
                double ratio = spring.get().cpuMicros / tomcat.cpuMicros;
                line.accept(String.format(Locale.ROOT,
                        "| %s %,d × %s: the Spring handler ≥ 5× Switchboard in Tomcat's CPU per delivery | %.2f× | %s |",
                        tomcat.scenario, tomcat.clients, Report.bytes(tomcat.size), ratio,
                        Report.yesNo(ratio >= SPRING_TARGET && tomcat.lost == 0)));
            }
        }
    }

    private List<Row> ofServer(String server) {
        return rows.stream().filter(row -> row.server.equals(server)).toList();
    }

    private Optional<Row> match(String server, Row like) {
        return rows.stream().filter(row -> row.server.equals(server) && row.sameRun(like)).findFirst();
    }

    /** {@code over}'s CPU per delivery ÷ {@code under}'s in the run of {@code like}, or a dash. */
    private String ratio(String over, String under, Row like) {
        Optional<Row> top = match(over, like);
        Optional<Row> bottom = match(under, like);
        if (top.isEmpty() || bottom.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", top.get().cpuMicros / bottom.get().cpuMicros);
    }
}
