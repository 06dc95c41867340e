package dev.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port to a local port, whose sockets a test can reset mid-stream, as a network
 * fault would: {@link #cut} closes every socket on both sides with an RST, never a FIN, so that each peer sees the
 * connection lost rather than closed. Otherwise each side's end is passed on as it came, a FIN as a FIN. Each
 * connection is forwarded by two threads of its own.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to(server.port())) {
 *     browser.get("http://127.0.0.1:" + proxy.port() + "/");
 *     proxy.cut();
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private TcpProxy(ServerSocket listener, int target) {
        this.listener = listener;
        this.target = target;
    }

    /** A proxy, accepting from now on, to {@code port} on the loopback address. */
    public static TcpProxy to(int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TcpProxy proxy = new TcpProxy(listener, port);
        daemon("tcp-proxy-" + listener.getLocalPort(), proxy::accept);
        return proxy;
    }

    /** The port the proxy listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every socket the proxy holds now, on both sides; later connections are forwarded as before. */
    public void cut() {
        // A snapshot: a client reconnecting at once must reach the server, not be reset too.
        for (Socket socket : List.copyOf(sockets)) {
            reset(socket);
        }
    }

    /** Stops listening and resets what is left. */
    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Connection connection = new Connection(client, new Socket());
            sockets.add(client);
            sockets.add(connection.upstream);
            daemon("tcp-proxy-connect", () -> {
                try {
                    connection.upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
                } catch (IOException refused) {
                    reset(client);
                    reset(connection.upstream);
                    return;
                }
                daemon("tcp-proxy-up", () -> connection.pump(client, connection.upstream));
                connection.pump(connection.upstream, client);
            });
        }
    }

    /** One forwarded connection: each side's end is passed on, a FIN as a FIN and a reset as a reset. */
    private final class Connection {
        final Socket client;
        final Socket upstream;
        /** How many of the two directions have seen their end; the sockets are closed after both. */
        final AtomicInteger ended = new AtomicInteger();

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                }
                to.shutdownOutput();
            } catch (IOException lost) {
                reset(from);
                reset(to);
                return;
            }
            if (ended.incrementAndGet() == 2) {
                close(client);
                close(upstream);
            }
        }
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closed already.
        }
    }

    private void reset(Socket socket) {
        try {
            // A linger of zero makes close send an RST and drop what is unsent.
            socket.setSoLinger(true, 0);
        } catch (IOException closedAlready) {
            // Nothing to reset.
        }
        close(socket);
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
