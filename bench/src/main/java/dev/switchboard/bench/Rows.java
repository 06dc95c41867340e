package dev.switchboard.bench;

import org.HdrHistogram.Histogram;

/** The measurements of one run, one record per table row. */
final class Rows {

    private Rows() {
    }

    /**
     * One fan-out: {@code messages} broadcasts to {@code clients} receivers.
     *
     * @param protocol the protocol every client spoke: {@code json}, {@code messagepack} or {@code socket.io}
     * @param seconds from the first send to the last delivery
     * @param cpuNanos the server's CPU time over the same span
     * @param systemNanos the part of it spent in the kernel
     * @param loadCpuNanos the load generator's CPU time over the same span
     * @param latencyMicros send-to-delivery times
     * @param pollsWithMessages long polls that carried messages (0 on WebSocket)
     * @param lostConnections receivers the server closed during the run
     * @param publishes PUBLISH commands Redis served during the run, or -1 without a backplane
     * @param peakRss the server's peak resident set (VmHWM) at the end of the run, in bytes
     */
    record FanOut(String server, String protocol, String transport, int clients, int size, int messages, long delivered,
                  double seconds, long cpuNanos, long systemNanos, long loadCpuNanos, Histogram latencyMicros,
                  long pollsWithMessages, long lostConnections, long publishes, long peakRss) {

        long expected() {
            return (long) clients * messages;
        }

        long lost() {
            return expected() - delivered;
        }

        double deliveriesPerSecond() {
            return delivered / seconds;
        }

        double cpuMicrosPerDelivery() {
            return delivered == 0 ? Double.NaN : cpuNanos / 1000.0 / delivered;
        }

        double systemMicrosPerDelivery() {
            return delivered == 0 ? Double.NaN : systemNanos / 1000.0 / delivered;
        }

        double loadCpuMicrosPerDelivery() {
            return delivered == 0 ? Double.NaN : loadCpuNanos / 1000.0 / delivered;
        }

        double publishesPerMessage() {
            return publishes < 0 ? Double.NaN : (double) publishes / messages;
        }

        double messagesPerPoll() {
            return pollsWithMessages == 0 ? Double.NaN : (double) delivered / pollsWithMessages;
        }
    }

    /**
     * {@code clients} idle connections speaking {@code protocol}: the server's heap after a full GC and RSS, before
     * and after.
     */
    record Density(String server, String protocol, int clients, long heapBefore, long heapAfter, long rssBefore,
                   long rssAfter) {

        double heapPerConnection() {
            return (double) (heapAfter - heapBefore) / clients;
        }

        double rssPerConnection() {
            return (double) (rssAfter - rssBefore) / clients;
        }
    }

    /**
     * {@code clients} clients invoking echo in {@code protocol}, {@code inFlight} calls at a time each, for
     * {@code seconds}, on a server letting {@code parallel} calls of a connection run at once (0 when the server has
     * no such option); {@code peakRss} is the server's peak resident set (VmHWM) at the end, in bytes.
     */
    record Echo(String server, String protocol, int clients, int parallel, int inFlight, int seconds, long failures,
                long cpuNanos, Histogram roundTripMicros, long peakRss) {

        double roundTripsPerSecond() {
            return (double) roundTripMicros.getTotalCount() / seconds;
        }

        double cpuMicrosPerRoundTrip() {
            return cpuNanos / 1000.0 / roundTripMicros.getTotalCount();
        }
    }

    /** A scenario that could not be measured in {@code protocol}, and why. */
    record Failure(String server, String protocol, String scenario, String reason) {
    }
}
