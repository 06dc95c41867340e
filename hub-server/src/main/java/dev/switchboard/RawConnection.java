package dev.switchboard;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One client's raw connection to a {@link ConnectionHandler}: what the client sends arrives as
 * {@link RawMessage}s, one per WebSocket message or HTTP POST, and what the handler sends goes out as it is, with
 * no framing added. Sending never blocks: messages queue, bounded by the route's
 * {@link HubOptions#maximumSendBufferSize()} and {@link HubOptions#maximumSendBufferMessages()}, and a client
 * that lets the queue fill is disconnected.
 */
public interface RawConnection {

    /** {@return the connection's public id, as negotiate gave it to the client} */
    String connectionId();

    /** {@return the authenticated user, or null for an anonymous connection} */
    HubUser user();

    /** {@return the transport carrying the connection} */
    Transport transport();

    /**
     * Sends text: a text frame over WebSockets, one event over Server-Sent Events, part of a poll's answer over
     * long polling.
     *
     * @param text the message
     * @return completes once the message is queued for the transport; fails when the connection has ended, or
     *         when the client does not keep up and the outgoing buffer is full (the connection then closes)
     */
    CompletableFuture<Void> send(String text);

    /**
     * Sends bytes: a binary frame over WebSockets, part of a poll's answer over long polling. Server-Sent Events
     * carry text only: there the bytes must be UTF-8, as for the official clients' text transfer format.
     *
     * @param data the message; not copied, so not to be changed afterwards
     * @return as {@link #send(String)}
     */
    CompletableFuture<Void> send(byte[] data);

    /**
     * Sends a message as it came: text as text, bytes as bytes; for echoing.
     *
     * @param message the message
     * @return as {@link #send(String)}
     */
    default CompletableFuture<Void> send(RawMessage message) {
        return message.isText() ? send(message.text()) : send(message.data());
    }

    /**
     * Sets what runs for each message from the client, on a hub thread, one at a time and in order. Messages
     * that arrive before a listener is set are dropped once {@link ConnectionHandler#onConnected} has returned
     * without setting one. An exception closes the connection.
     *
     * @param listener the listener, replacing any earlier one
     */
    void onMessage(Consumer<RawMessage> listener);

    /**
     * Sets what runs once when the connection has ended, on a hub thread, after the last message.
     *
     * @param listener given null for a normal end (either side closed it), or what ended it
     */
    void onClose(Consumer<Throwable> listener);

    /**
     * Closes the connection once what was sent before has been written: a WebSocket closes with status 1000, an
     * event stream ends, a long poll is answered with 204.
     */
    void close();
}
