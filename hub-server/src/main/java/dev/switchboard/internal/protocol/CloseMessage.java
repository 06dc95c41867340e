package dev.switchboard.internal.protocol;

/** Type 7: the sender is closing the connection, with an optional error. */
public record CloseMessage(String error, boolean allowReconnect) implements HubMessage {

    public static final CloseMessage EMPTY = new CloseMessage(null, false);

    @Override
    public int type() {
        return 7;
    }
}
