package dev.switchboard.internal.protocol;

import java.util.function.Consumer;

/** A hub protocol: how {@link HubMessage}s become records and back ({@link JsonHubProtocol}, {@link MessagePackHubProtocol}). */
public interface HubProtocol {

    /** The name clients give in the handshake, such as {@code json}. */
    String name();

    /** The highest protocol version this server speaks. */
    int version();

    TransferFormat transferFormat();

    /**
     * Parses every whole record in {@code input} and hands each message to {@code sink}, leaving an
     * incomplete tail in the buffer. Messages of unknown types are skipped, as SignalR does.
     *
     * @throws ProtocolException on malformed input or a record longer than {@code maxMessageSize}
     */
    void parseMessages(InputBuffer input, int maxMessageSize, Consumer<HubMessage> sink) throws ProtocolException;

    /** Serializes one message as one whole record. */
    Payload write(HubMessage message);
}
