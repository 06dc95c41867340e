package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The proxy between two plain sockets on the loopback address. */
class TcpProxyTest {

    private static final int TIMEOUT_MS = 30_000;

    /** A client through {@code proxy}, and the server's side of it. */
    private record Pair(Socket client, Socket server) implements AutoCloseable {
        static Pair through(TcpProxy proxy, ServerSocket target) throws IOException {
            Socket client = new Socket();
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), TIMEOUT_MS);
            Socket server = target.accept();
            client.setSoTimeout(TIMEOUT_MS);
            server.setSoTimeout(TIMEOUT_MS);
            return new Pair(client, server);
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }

    private static ServerSocket target() throws IOException {
        ServerSocket target = new ServerSocket();
        target.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        target.setSoTimeout(TIMEOUT_MS);
        return target;
    }

    private static byte[] read(Socket socket, int length) throws IOException {
        return socket.getInputStream().readNBytes(length);
    }

    @Test
    void forwardsBothWaysAndPassesOnAnEndAsAnEnd() throws Exception {
        try (ServerSocket target = target(); TcpProxy proxy = TcpProxy.to(target.getLocalPort());
                Pair pair = Pair.through(proxy, target)) {
            pair.client().getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), read(pair.server(), 5));
            pair.server().getOutputStream().write("world".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals("world".getBytes(StandardCharsets.US_ASCII), read(pair.client(), 5));

            pair.client().shutdownOutput();
            assertEquals(-1, pair.server().getInputStream().read());
            // Half closed: the other way still flows.
            pair.server().getOutputStream().write('!');
            assertEquals('!', pair.client().getInputStream().read());
            pair.server().shutdownOutput();
            assertEquals(-1, pair.client().getInputStream().read());
        }
    }

    @Test
    void aCutResetsBothSidesAndLaterConnectionsGoThrough() throws Exception {
        try (ServerSocket target = target(); TcpProxy proxy = TcpProxy.to(target.getLocalPort())) {
            try (Pair cut = Pair.through(proxy, target)) {
                cut.client().getOutputStream().write('a');
                assertEquals('a', cut.server().getInputStream().read());
                proxy.cut();
                assertThrows(SocketException.class, () -> cut.client().getInputStream().read());
                assertThrows(SocketException.class, () -> cut.server().getInputStream().read());
            }
            try (Pair next = Pair.through(proxy, target)) {
                next.client().getOutputStream().write('b');
                assertEquals('b', next.server().getInputStream().read());
            }
        }
    }
}
