package dev.switchboard;

import java.nio.charset.StandardCharsets;

/**
 * One message from a raw connection's client: a whole WebSocket message, or the body of one HTTP POST of the
 * other transports.
 *
 * @param data the bytes, the text's in UTF-8 for a text message; not to be changed
 * @param isText true for a WebSocket text message or a POST whose {@code Content-Type} is {@code text/*} (as
 *        browsers and the official JavaScript client send strings); false for a binary message or another POST
 */
public record RawMessage(byte[] data, boolean isText) {

    /** {@return the bytes as UTF-8 text} */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
