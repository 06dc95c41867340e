package dev.switchboard.bench.jmh;

import dev.switchboard.spi.ConnectionHandle;
import dev.switchboard.spi.SerializedMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A connection that speaks JSON and sends nothing: it takes each message's bytes in its protocol, as a server's
 * connection does before queueing them, and keeps the latest. The queueing and the socket write are the load
 * test's to measure, not the micro-benchmarks'.
 */
final class NoOpConnection implements ConnectionHandle {

    private final String id;
    private final LatestBytes bytes;
    /** Plain, not volatile: only the fixtures' checks read it, and a fence per send would skew the figures. */
    private byte[] last;

    NoOpConnection(String id, LatestBytes bytes) {
        this.id = id;
        this.bytes = bytes;
    }

    @Override
    public String connectionId() {
        return id;
    }

    @Override
    public String userIdentifier() {
        return null;
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public void send(SerializedMessage message) {
        last = bytes.of(message);
    }

    @Override
    public CompletableFuture<Object> invoke(String method, List<?> args) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no client behind " + id));
    }

    /** The bytes of the latest message, or null before the first. */
    byte[] last() {
        return last;
    }
}
