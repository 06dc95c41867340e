package dev.switchboard.internal.transport;

import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a transport offers the connection it carries: it moves whole payloads and nothing else; see
 * {@link TransportListener} for the other direction. A connection never has more than one send in flight, so
 * implementations need no queue of their own.
 */
public interface TransportSender {

    /** Which transport this is. */
    Transport type();

    /**
     * Writes what queued since the last send, in order, with as few writes as the transport allows (one
     * poll response, one SSE event, WebSocket frames gathered into one socket write).
     *
     * @param batch whole payloads, at least one; broadcasts share their instances across connections
     * @param done  called exactly once, with null on success or the failure
     */
    void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done);

    /**
     * Writes something that is no message, for a connection with no Pings of its own (a connection handler's)
     * that has sent nothing for a while: a departed client's stream then fails its write, where a host notices
     * it no other way. Called as a send is, never with one in flight. By default nothing is written.
     *
     * @param done called exactly once, with null on success or the failure
     */
    default void keepAlive(Consumer<Throwable> done) {
        done.accept(null);
    }

    /**
     * Drops the transport at once, pending writes and all, without a close handshake: for a client that
     * no longer reads.
     */
    void abort();

    /**
     * Ends the transport from the server's side, for a client that broke a limit and may not be reading:
     * called once the last message is written, it tells the client {@code reason} (at most 123 bytes) where
     * the transport has a way to, and waits for no answer. Transports with no way to say it drop the socket.
     */
    default void close(String reason) {
        abort();
    }

    /**
     * Ends the transport cleanly from the server's side once its last message is written, for a connection with no
     * close message of its own (a connection handler's): an event stream's response is completed, a waiting poll
     * answered with 204. By default, as {@link #close(String)} with no reason.
     */
    default void finish() {
        close("");
    }

    /**
     * The server's last message has been written: where the transport has a closing handshake of its own
     * (WebSocket's close frames), the server's side of it goes out now and the client's answer ends the
     * transport. Others wait for the client to end them, as SignalR clients do after a Close. Either way the
     * heartbeat ends a transport the client has not ended within the close timeout.
     */
    default void startClosingHandshake() {
    }

    /**
     * True for long polling, as SignalR's inherent keep-alive feature: the polls themselves show the client is
     * alive, so the connection sends no Pings and applies no client timeout; the transport ends a client that
     * stops polling itself.
     */
    default boolean inherentKeepAlive() {
        return false;
    }
}
