package dev.switchboard.internal.protocol;

/** Type 6: keep-alive; carries nothing. */
public record PingMessage() implements HubMessage {

    public static final PingMessage INSTANCE = new PingMessage();

    @Override
    public int type() {
        return 6;
    }
}
