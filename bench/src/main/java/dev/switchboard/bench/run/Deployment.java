package dev.switchboard.bench.run;

import java.io.IOException;
import java.util.List;

/** What a fan-out is measured against: one server process, or several sharing a Redis backplane. */
public interface Deployment extends AutoCloseable {

    /** Its name in the tables. */
    String name();

    /** Where clients connect, {@code 127.0.0.1:<port>} for each server; clients are spread evenly over them. */
    List<String> addresses();

    /** The CPU time every process serving the clients has used so far. */
    CpuTime cpuTime() throws IOException;

    /** The peak resident set of every process serving the clients (VmHWM), summed, in bytes. */
    long peakRssBytes() throws IOException;

    /** PUBLISH commands its Redis has served so far, or -1 when it has no backplane. */
    long publishes() throws IOException;

    @Override
    void close();
}
