package dev.switchboard.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Addresses on 127.0.0.1 for the servers and proxies a test starts. */
public final class Loopback {

    private Loopback() {
    }

    /**
     * A port nothing listened on a moment ago: for a process that must be given its port, or for an address
     * where a test needs nothing to answer.
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
