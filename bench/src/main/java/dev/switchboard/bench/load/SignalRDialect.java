package dev.switchboard.bench.load;

/**
 * The SignalR JSON hub protocol, as Switchboard speaks it, to the hub at {@code path}; a client opens its
 * session by invoking {@code joinMethod}, with its nickname as the one argument when {@code joinTakesNickname}
 * and with none otherwise.
 */
public record SignalRDialect(String path, String joinMethod, boolean joinTakesNickname) implements Dialect {

    /** The chat at {@code /chat}, joined with {@code join(nickname)}. */
    public static final String NAME = "signalr";

    static final char SEPARATOR = '\u001e';
    private static final String TYPE = "\"type\":";
    private static final String INVOCATION_ID = "\"invocationId\":\"";
    private static final String ERROR = "\"error\":";

    /** The chat: {@code /chat}, joined with {@code join(nickname)}. */
    public SignalRDialect() {
        this("/chat", "join", true);
    }

    /**
     * The hub a name describes: {@code signalr} is the chat; {@code signalr:/PATH:METHOD} invokes
     * {@code METHOD(nickname)} at {@code /PATH}, and {@code signalr:/PATH:METHOD()} invokes it with no argument.
     */
    static SignalRDialect named(String name) {
        if (name.equals(NAME)) {
            return new SignalRDialect();
        }
        String[] parts = name.split(":");
        if (parts.length != 3 || !parts[0].equals(NAME) || !parts[1].startsWith("/") || parts[2].isEmpty()) {
            throw new IllegalArgumentException("Not a SignalR hub: " + name + " (signalr or signalr:/PATH:METHOD[()])");
        }
        boolean noArgument = parts[2].endsWith("()");
        return new SignalRDialect(parts[1], noArgument ? parts[2].substring(0, parts[2].length() - 2) : parts[2],
                !noArgument);
    }

    @Override
    public String name() {
        if (path.equals("/chat") && joinMethod.equals("join") && joinTakesNickname) {
            return NAME;
        }
        return NAME + ":" + path + ":" + joinMethod + (joinTakesNickname ? "" : "()");
    }

    @Override
    public String webSocketPath() {
        return path;
    }

    @Override
    public Frame hello() {
        return handshake("json");
    }

    /** The handshake request of {@code protocol}, version 1, which is JSON text whatever the protocol. */
    static Frame handshake(String protocol) {
        return Frame.text("{\"protocol\":\"" + protocol + "\",\"version\":1}" + SEPARATOR);
    }

    @Override
    public Frame invoke(int id, String method, String argument) {
        return Frame.text("{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + method + "\",\"arguments\":"
                + arguments(argument) + "}" + SEPARATOR);
    }

    @Override
    public Frame send(String method, String argument) {
        return Frame.text("{\"type\":1,\"target\":\"" + method + "\",\"arguments\":" + arguments(argument) + "}"
                + SEPARATOR);
    }

    private static String arguments(String argument) {
        return argument == null ? "[]" : "[\"" + argument + "\"]";
    }

    @Override
    public Frame ping() {
        return Frame.text("{\"type\":6}" + SEPARATOR);
    }

    @Override
    public void receive(CharSequence frame, Events events) {
        int start = 0;
        int length = frame.length();
        while (start < length) {
            int end = start;
            while (end < length && frame.charAt(end) != SEPARATOR) {
                end++;
            }
            record(frame, start, end, events);
            start = end + 1;
        }
    }

    /**
     * The handshake response of {@code frame} from {@code start} to {@code end}, without its separator: {@code {}}
     * or {@code {"error":"..."}}, in JSON whatever the protocol.
     */
    static void handshakeResponse(CharSequence frame, int start, int end, Events events) {
        if (Text.indexOf(frame, ERROR, start, end) < 0) {
            events.opened();
        } else {
            events.closed(frame.subSequence(start, end).toString());
        }
    }

    private static void record(CharSequence frame, int start, int end, Events events) {
        int type = Text.indexOf(frame, TYPE, start, end);
        if (type < 0) {
            handshakeResponse(frame, start, end, events);
            return;
        }
        switch (frame.charAt(type + TYPE.length())) {
            case '1' -> events.message(ChatMessage.sentNanos(frame, start, end));
            case '3' -> {
                int id = Text.indexOf(frame, INVOCATION_ID, start, end);
                int error = Text.indexOf(frame, ERROR, start, end);
                events.completed((int) Text.number(frame, id + INVOCATION_ID.length()),
                        error < 0 ? null : frame.subSequence(error, end).toString());
            }
            case '7' -> events.closed(frame.subSequence(start, end).toString());
            default -> {
                // Pings and anything else the benchmark does not use.
            }
        }
    }
}
