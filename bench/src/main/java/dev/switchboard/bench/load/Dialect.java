package dev.switchboard.bench.load;

/**
 * How one server family frames the chat: Switchboard's SignalR JSON hub protocol or socket.io's Engine.IO
 * v4 packets. Frames are built and read as plain text with no JSON library: the load generator shares
 * the machine with the server, so its own cost per message must stay small.
 */
public sealed interface Dialect permits SignalRDialect, SocketIoDialect {

    /**
     * The dialect called {@code name} on the command line: {@code socketio}, or {@code signalr} (the chat) or
     * another SignalR hub as {@link SignalRDialect#named} describes.
     */
    static Dialect named(String name) {
        if (name.startsWith(SignalRDialect.NAME)) {
            return SignalRDialect.named(name);
        }
        if (name.equals("socketio")) {
            return new SocketIoDialect();
        }
        throw new IllegalArgumentException("Unknown dialect " + name);
    }

    /** The command-line name. */
    String name();

    /** The WebSocket path and query below the server's base address, connecting without negotiate. */
    String webSocketPath();

    /** What the client sends first once the socket is open, or null when it waits for the server. */
    String hello();

    /** The method a client invokes once connected, to join: the chat's {@code join}. */
    default String joinMethod() {
        return "join";
    }

    /** Whether {@link #joinMethod} takes the nickname as its one argument; otherwise it takes none. */
    default boolean joinTakesNickname() {
        return true;
    }

    /**
     * An invocation of {@code method} with one string argument, or none when it is null, whose answer is
     * awaited under {@code id}.
     */
    String invoke(int id, String method, String argument);

    /** An invocation of {@code method} with one string argument and no answer. */
    String send(String method, String argument);

    /** A keep-alive from the client, or null when the server drives keep-alive. */
    String ping();

    /** Reads one WebSocket message or one poll's body, reporting what it holds to {@code events}. */
    void receive(CharSequence frame, Events events);

    /** What a client learns from the frames it receives. */
    interface Events {

        /** The server accepted the connection (SignalR handshake response, socket.io namespace connect). */
        void opened();

        /** Invocation {@code id} completed; {@code error} is null on success. */
        void completed(int id, String error);

        /** A {@code message} arrived: its record is {@code frame} from {@code start} to {@code end}. */
        void message(CharSequence frame, int start, int end);

        /** The protocol asks the client to answer with {@code frame} (socket.io's pong, namespace connect). */
        void reply(String frame);

        /** The server ended the connection with {@code reason}. */
        void closed(String reason);
    }
}
