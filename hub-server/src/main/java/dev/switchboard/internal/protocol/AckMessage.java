package dev.switchboard.internal.protocol;

/** Type 8: stateful reconnect's acknowledgement of every message up to {@code sequenceId}. */
public record AckMessage(long sequenceId) implements HubMessage {

    @Override
    public int type() {
        return 8;
    }
}
