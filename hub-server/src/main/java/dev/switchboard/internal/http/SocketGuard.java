package dev.switchboard.internal.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps the listener serving near the file-descriptor limit: {@code ServerLimits.maxConcurrentSockets}
 * ({@link SocketLimitFilter}), a pause instead of a busy loop when accepting fails ({@link AcceptBackoff}), and the
 * JDK's socket classes initialised at start.
 *
 * <p>The JDK initialises some of them on first use, and one needs a descriptor to do it: the first socket the
 * process closes initialises {@code sun.nio.ch.FileDispatcherImpl}, which opens a socket pair. Should that first
 * close come while descriptors are exhausted, the class is broken for the life of the JVM: every later close
 * throws "Could not initialize class", no socket is ever closed, and the descriptors never come back. A server
 * that had not yet served a request was lost that way to its first flood of connections.
 */
final class SocketGuard {

    private static final Logger log = LoggerFactory.getLogger(SocketGuard.class);

    private SocketGuard() {
    }

    /**
     * Installs the socket limit (none for 0) and the accept back-off on {@code listener}, which has not started,
     * and initialises the JDK's socket classes.
     */
    static void install(NetworkListener listener, int maxConcurrentSockets) {
        initialiseSocketClasses();
        AcceptBackoff.install(listener.getTransport());
        if (maxConcurrentSockets > 0) {
            listener.registerAddOn((network, chain) -> chain.add(1, new SocketLimitFilter(maxConcurrentSockets)));
        }
    }

    /** One connection over loopback, through everything a served socket goes through: accept, I/O, close. */
    private static void initialiseSocketClasses() {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
                client.write(ByteBuffer.wrap(new byte[] {1}));
                accepted.read(ByteBuffer.allocate(1));
                accepted.shutdownOutput();
            }
        } catch (IOException e) {
            log.warn("Could not open a loopback connection to initialise the JDK's socket classes; if the process "
                    + "runs out of file descriptors before it closes its first socket, it may not recover: {}",
                    e.toString());
        }
    }
}
