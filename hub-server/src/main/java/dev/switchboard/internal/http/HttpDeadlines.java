package dev.switchboard.internal.http;

import dev.switchboard.ServerLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpBrokenContent;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpContext;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.ssl.SSLBaseFilter;
import org.glassfish.grizzly.ssl.SSLUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kestrel's HTTP timeouts, for every socket of the listener until it becomes a WebSocket: a request head must be
 * whole within {@link ServerLimits#requestHeadersTimeout()} of its first byte, a body must keep
 * {@link ServerLimits#minRequestBodyDataRate()} once its grace period is over (both answered 408 and closed), and
 * a connection waiting for its next request is closed after {@link ServerLimits#keepAliveTimeout()}. A request
 * whose head and body have been read is not timed while it is answered, however long that takes: held polls and
 * event streams are exempt, and the keep-alive clock starts only once the response is complete.
 *
 * <p>Each socket has one small {@link HttpExchange} while it speaks HTTP, dropped when it closes or becomes a
 * WebSocket (whose silence the hub's keep-alive judges), and one sweep on the server's timer thread judges them
 * all a few times per shortest limit. The codec tells them of the bytes it is given (the first of a head; a
 * body's, counted as they come), the TLS filter of handshakes (timed as heads: the head clock starts with a handshake's first byte), and a
 * filter right after the codec of sockets opening and closing, heads complete, bodies ending, responses beginning
 * and complete.
 */
final class HttpDeadlines implements AddOn, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpDeadlines.class);

    private final ServerLimits limits;
    private final long tickMillis;
    private final Map<Connection<?>, HttpExchange> sockets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> sweeping;

    /** @param timer runs the sweep, which takes it for moments only */
    HttpDeadlines(ServerLimits limits, ScheduledExecutorService timer) {
        this.limits = limits;
        this.timer = timer;
        // A quarter of the shortest limit, so that each applies within 25 % of its length, and at most a second.
        Duration shortest = min(limits.requestHeadersTimeout(), limits.keepAliveTimeout());
        if (limits.minRequestBodyDataRate() > 0 && !limits.minRequestBodyDataRateGracePeriod().isZero()) {
            shortest = min(shortest, limits.minRequestBodyDataRateGracePeriod());
        }
        this.tickMillis = Math.max(10, Math.min(1000, shortest.toMillis() / 4));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Puts the filter right after the codec, listens to the codec and to TLS handshakes, and starts the sweep.
     * Listeners rather than a second filter before the codec: Grizzly keeps state for every filter in the chain for
     * every socket, WebSockets included.
     */
    @Override
    public synchronized void setup(NetworkListener listener, FilterChainBuilder chain) {
        int tls = chain.indexOfType(SSLBaseFilter.class);
        if (tls >= 0) {
            ((SSLBaseFilter) chain.get(tls)).addHandshakeListener(new Handshakes());
        }
        int codec = chain.indexOfType(HttpServerFilter.class);
        ((HttpServerFilter) chain.get(codec)).getMonitoringConfig().addProbes(new Arrivals());
        chain.add(codec + 1, new Exchanges());
        if (sweeping == null) {
            sweeping = timer.scheduleWithFixedDelay(this::sweep, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        sockets.clear();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<Connection<?>, HttpExchange> entry : sockets.entrySet()) {
            Connection<?> socket = entry.getKey();
            if (!socket.isOpen()) {
                sockets.remove(socket, entry.getValue());
                continue;
            }
            try {
                act(socket, entry.getValue().judge(now, limits));
            } catch (RuntimeException e) {
                log.warn("Could not time out an HTTP connection", e);
            }
        }
    }

    private void act(Connection<?> socket, HttpExchange.Verdict verdict) {
        switch (verdict) {
            case IDLE -> {
                log.debug("Closing an HTTP connection to {}: no request for {}", socket.getPeerAddress(),
                        seconds(limits.keepAliveTimeout()));
                socket.closeSilently();
            }
            case HEAD_LATE -> requestTimeout(socket, "The request head did not arrive whole within "
                    + seconds(limits.requestHeadersTimeout()) + ".");
            case BODY_SLOW -> requestTimeout(socket, "The request body arrived slower than "
                    + limits.minRequestBodyDataRate() + " bytes a second.");
            case DRAIN_SLOW -> {
                log.debug("Closing an HTTP connection to {}: the rest of a request body already answered is too "
                        + "slow", socket.getPeerAddress());
                socket.closeSilently();
            }
            case DROP -> socket.terminateSilently();
            case NONE -> {
            }
        }
    }

    /**
     * 408 with a reason (ASCII) and {@code Connection: close}, written past the codec, which may hold half a
     * request.
     */
    private void requestTimeout(Connection<?> socket, String reason) {
        SSLEngine tls = SSLUtils.getSSLEngine(socket);
        if (tls != null && tls.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
            // No answer can cross a TLS handshake that never finished, and Grizzly would spin trying to wrap one.
            log.debug("Closing a connection to {}: its TLS handshake did not finish within {}",
                    socket.getPeerAddress(), seconds(limits.requestHeadersTimeout()));
            socket.closeSilently();
            return;
        }
        log.debug("Answering 408 to {}: {}", socket.getPeerAddress(), reason);
        String answer = "HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Cache-Control: no-cache, no-store\r\nContent-Length: " + reason.length()
                + "\r\nConnection: close\r\n\r\n" + reason;
        socket.write(Buffers.wrap(socket.getMemoryManager(), answer.getBytes(StandardCharsets.US_ASCII)));
        socket.closeSilently();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The codec's view of the bytes it is given, before it parses them: a head's first, a body's as they come. */
    private final class Arrivals extends HttpProbe.Adapter {

        @Override
        public void onDataReceivedEvent(Connection connection, Buffer buffer) {
            HttpExchange exchange = sockets.get(connection);
            if (exchange != null) {
                exchange.arrived(buffer.remaining(), System.nanoTime());
            }
        }
    }

    /** A TLS handshake is timed as a head; once it is done, the socket awaits its request on the keep-alive clock. */
    private final class Handshakes implements SSLBaseFilter.HandshakeListener {

        @Override
        public void onStart(Connection<?> socket) {
            HttpExchange exchange = sockets.get(socket);
            if (exchange != null) {
                exchange.arrived(0, System.nanoTime());
            }
        }

        @Override
        public void onComplete(Connection<?> socket) {
            HttpExchange exchange = sockets.get(socket);
            if (exchange != null) {
                exchange.handshaken(System.nanoTime());
            }
        }

        @Override
        public void onFailure(Connection<?> socket, Throwable failure) {
            // Grizzly closes the socket, which the Exchanges filter sees.
        }
    }

    /**
     * After the HTTP codec: sockets open and close, heads complete, bodies end, responses begin and complete. Frames
     * of an open WebSocket never reach it.
     */
    private final class Exchanges extends BaseFilter {

        @Override
        public NextAction handleAccept(FilterChainContext ctx) {
            sockets.put(ctx.getConnection(), new HttpExchange(System.nanoTime()));
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleClose(FilterChainContext ctx) {
            sockets.remove(ctx.getConnection());
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            if (!(ctx.getMessage() instanceof HttpContent content)
                    || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
                return ctx.getInvokeAction();
            }
            Connection<?> socket = ctx.getConnection();
            HttpExchange exchange = sockets.get(socket);
            if (exchange == null) {
                return ctx.getInvokeAction();
            }
            boolean upgrade = "websocket".equalsIgnoreCase(request.getUpgrade());
            boolean fresh = !request.getResponse().isCommitted();
            // A body the codec could not parse holds its error, thrown by getContent(), instead of bytes.
            int bytes = content instanceof HttpBrokenContent ? 0 : content.getContent().remaining();
            if (exchange.read(fresh, content.isLast(), upgrade, bytes, System.nanoTime()) && upgrade) {
                // Once this read has been handled, the upgrade has been answered: a WebSocket is no longer timed
                // here; a refused upgrade leaves an HTTP connection waiting for its next request.
                HttpResponsePacket response = request.getResponse();
                ctx.addCompletionListener(done -> {
                    if (response.getStatus() == 101) {
                        sockets.remove(socket);
                    } else {
                        exchange.idle(System.nanoTime());
                    }
                });
            }
            return ctx.getInvokeAction();
        }

        /** A response begun before its request's body has arrived (a 100 Continue aside) is not followed by a 408. */
        @Override
        public NextAction handleWrite(FilterChainContext ctx) {
            if (ctx.getMessage() instanceof HttpPacket packet
                    && packet.getHttpHeader() instanceof HttpResponsePacket response && !response.isAcknowledgement()) {
                HttpExchange exchange = sockets.get(ctx.getConnection());
                if (exchange != null) {
                    exchange.answers();
                }
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) {
            if (event.type() == HttpEvents.ResponseCompleteEvent.TYPE) {
                HttpExchange exchange = sockets.get(ctx.getConnection());
                HttpContext http = HttpContext.get(ctx);
                if (exchange != null && http != null) {
                    exchange.responded(http.getRequest().isExpectContent(), System.nanoTime());
                }
            }
            return ctx.getInvokeAction();
        }
    }
}
