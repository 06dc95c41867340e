package dev.switchboard;

import dev.switchboard.fixtures.TestHub;

/**
 * Run by {@link DescriptorExhaustionTest} in a JVM of its own, under a low {@code ulimit -n}: starts a server with
 * {@link TestHub} at {@code /test} on a free port, prints {@code PORT <port>} on a line of its own, and stops when
 * its standard input ends.
 */
final class DescriptorLimitServer {

    static final String PORT_LINE = "PORT ";

    private DescriptorLimitServer() {
    }

    public static void main(String[] args) throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start()) {
            System.out.println(PORT_LINE + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Nothing to read: the test ends this process by closing its input.
            }
        }
        System.exit(0);
    }
}
