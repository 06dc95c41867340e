package dev.switchboard.internal.protocol;

/**
 * One record of the SignalR hub protocol. Each message type is a record, so a {@code switch} over a
 * {@code HubMessage} is checked for completeness by the compiler.
 */
public sealed interface HubMessage
        permits InvocationMessage, StreamItemMessage, CompletionMessage, StreamInvocationMessage,
                CancelInvocationMessage, PingMessage, CloseMessage, AckMessage, SequenceMessage {

    /** The {@code type} number this message carries on the wire. */
    int type();
}
