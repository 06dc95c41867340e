package dev.switchboard.bench.load;

/**
 * One WebSocket message or POST body a client sends: text, or bytes for a binary protocol (SignalR's MessagePack
 * after its text handshake). Exactly one of the two is set.
 */
public record Frame(String text, byte[] bytes) {

    static Frame text(String text) {
        return new Frame(text, null);
    }

    static Frame binary(byte[] bytes) {
        return new Frame(null, bytes);
    }

    boolean isBinary() {
        return bytes != null;
    }
}
