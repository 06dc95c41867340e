package dev.switchboard.internal.protocol;

/** Type 9: stateful reconnect's first message after a reconnect, naming the next sequence id. */
public record SequenceMessage(long sequenceId) implements HubMessage {

    @Override
    public int type() {
        return 9;
    }
}
