package dev.switchboard.bench.load;

/** The SignalR JSON hub protocol, as Switchboard speaks it. */
public record SignalRDialect() implements Dialect {

    private static final char SEPARATOR = '\u001e';
    private static final String TYPE = "\"type\":";
    private static final String INVOCATION_ID = "\"invocationId\":\"";
    private static final String ERROR = "\"error\":";

    @Override
    public String name() {
        return "signalr";
    }

    @Override
    public String webSocketPath() {
        return "/chat";
    }

    @Override
    public String hello() {
        return "{\"protocol\":\"json\",\"version\":1}" + SEPARATOR;
    }

    @Override
    public String invoke(int id, String method, String argument) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + method + "\",\"arguments\":[\""
                + argument + "\"]}" + SEPARATOR;
    }

    @Override
    public String send(String method, String argument) {
        return "{\"type\":1,\"target\":\"" + method + "\",\"arguments\":[\"" + argument + "\"]}" + SEPARATOR;
    }

    @Override
    public String ping() {
        return "{\"type\":6}" + SEPARATOR;
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

    private static void record(CharSequence frame, int start, int end, Events events) {
        int type = Text.indexOf(frame, TYPE, start, end);
        if (type < 0) {
            // The handshake response: {} or {"error":"..."}.
            int error = Text.indexOf(frame, ERROR, start, end);
            if (error < 0) {
                events.opened();
            } else {
                events.closed(frame.subSequence(start, end).toString());
            }
            return;
        }
        switch (frame.charAt(type + TYPE.length())) {
            case '1' -> events.message(frame, start, end);
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
