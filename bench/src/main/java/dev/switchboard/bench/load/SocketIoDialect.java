package dev.switchboard.bench.load;

/**
 * socket.io 4 over Engine.IO v4, WebSocket only: one packet per WebSocket message, the default namespace,
 * events as {@code 42["event",...]} and acknowledgements as {@code 43<id>[...]}.
 */
public record SocketIoDialect() implements Dialect {

    @Override
    public String name() {
        return "socketio";
    }

    @Override
    public String webSocketPath() {
        return "/socket.io/?EIO=4&transport=websocket";
    }

    @Override
    public Frame hello() {
        return null;
    }

    @Override
    public Frame invoke(int id, String method, String argument) {
        return Frame.text("42" + id + "[\"" + method + "\",\"" + argument + "\"]");
    }

    @Override
    public Frame send(String method, String argument) {
        return Frame.text("42[\"" + method + "\",\"" + argument + "\"]");
    }

    @Override
    public Frame ping() {
        return null;
    }

    @Override
    public void receive(CharSequence frame, Events events) {
        if (frame.isEmpty()) {
            return;
        }
        switch (frame.charAt(0)) {
            case '0' -> events.reply("40");
            case '2' -> events.reply("3");
            case '1' -> events.closed("Engine.IO close");
            case '4' -> socketIoPacket(frame, events);
            default -> {
                // Engine.IO noop and upgrade packets do not occur on a plain WebSocket session.
            }
        }
    }

    private static void socketIoPacket(CharSequence frame, Events events) {
        char type = frame.length() > 1 ? frame.charAt(1) : ' ';
        switch (type) {
            case '0' -> events.opened();
            case '2' -> events.message(ChatMessage.sentNanos(frame, 0, frame.length()));
            case '3' -> {
                boolean failed = Text.indexOf(frame, "\"error\"", 2, frame.length()) >= 0;
                events.completed((int) Text.number(frame, 2), failed ? frame.toString() : null);
            }
            case '1' -> events.closed("socket.io disconnect");
            case '4' -> events.closed("socket.io connect error: " + frame);
            default -> {
                // Binary events and acknowledgements are not used.
            }
        }
    }
}
