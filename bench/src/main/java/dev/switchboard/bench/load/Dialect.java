package dev.switchboard.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How one server family frames the chat: Switchboard's SignalR hub protocols (JSON, or MessagePack) or socket.io's
 * Engine.IO v4 packets. JSON frames are built and read as plain text with no JSON library: the load generator
 * shares the machine with the server, so its own cost per message must stay small.
 */
public sealed interface Dialect permits SignalRDialect, MessagePackDialect, SocketIoDialect {

    /**
     * The dialect called {@code name} on the command line: {@code socketio}, or {@code signalr} (the chat) or
     * another SignalR hub as {@link SignalRDialect#named} describes, or the same with {@code messagepack} in place
     * of {@code signalr} for that hub over MessagePack.
     */
    static Dialect named(String name) {
        if (name.startsWith(MessagePackDialect.NAME)) {
            return new MessagePackDialect(
                    SignalRDialect.named(SignalRDialect.NAME + name.substring(MessagePackDialect.NAME.length())));
        }
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
    Frame hello();

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
    Frame invoke(int id, String method, String argument);

    /** An invocation of {@code method} with one string argument and no answer. */
    Frame send(String method, String argument);

    /** A keep-alive from the client, or null when the server drives keep-alive. */
    Frame ping();

    /** Reads one text WebSocket message or one poll's body, reporting what it holds to {@code events}. */
    void receive(CharSequence frame, Events events);

    /**
     * Reads one binary WebSocket message or poll body, from its position to its limit; {@code opened} tells
     * whether the server's answer to {@link #hello} has come yet. A text protocol reads it as UTF-8 text.
     */
    default void receive(ByteBuffer frame, boolean opened, Events events) {
        receive(StandardCharsets.UTF_8.decode(frame), events);
    }

    /** What a client learns from the frames it receives. */
    interface Events {

        /** The server accepted the connection (SignalR handshake response, socket.io namespace connect). */
        void opened();

        /** Invocation {@code id} completed; {@code error} is null on success. */
        void completed(int id, String error);

        /**
         * A {@code message} arrived, with the send time its {@link ChatMessage} stamp holds, or -1 when it has
         * none.
         */
        void message(long sentNanos);

        /** The protocol asks the client to answer with {@code frame} (socket.io's pong, namespace connect). */
        void reply(String frame);

        /** The server ended the connection with {@code reason}. */
        void closed(String reason);
    }
}
