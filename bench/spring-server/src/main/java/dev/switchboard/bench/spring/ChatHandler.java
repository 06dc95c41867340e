package dev.switchboard.bench.spring;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat's {@code join}/{@code send}/{@code message} and an {@code echo}, as bench's {@code BenchHub} has
 * them, in a {@link TextWebSocketHandler}. It speaks the few records of the SignalR JSON protocol that bench's
 * load generator sends and awaits, read and written with Jackson here, since that load generator is what measures
 * every server alike: the handshake ({@code {"protocol":"json","version":1}}, answered with {@code {}}),
 * invocations (type 1), completions (type 3), and the client's pings (type 6), which need no answer. Records end
 * with 0x1E.
 *
 * <p>Every session is wrapped in a {@link ConcurrentWebSocketSessionDecorator}, as Spring's documentation advises
 * when several threads send to one session: a broadcast runs on the sender's thread and writes to each session in
 * turn, and a session another thread is writing to has the message buffered instead, within the limits below.
 */
@Component
public class ChatHandler extends TextWebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatHandler.class);
    private static final char SEPARATOR = '\u001e';
    /** The limits of Spring's STOMP broker relay defaults, which its documentation gives for broadcast. */
    private static final int SEND_TIME_LIMIT_MILLIS = 10_000;
    private static final int BUFFER_SIZE_LIMIT = 512 * 1024;
    private static final String HANDSHAKEN = "handshaken";
    private static final String NICKNAME = "nickname";

    private final JsonMapper json;
    /** Every open session, decorated, by id. */
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    /** The sessions that joined: those a message reaches. */
    private final Set<WebSocketSession> room = ConcurrentHashMap.newKeySet();

    public ChatHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        sessions.put(session.getId(),
                new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MILLIS, BUFFER_SIZE_LIMIT));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        WebSocketSession decorated = sessions.remove(session.getId());
        if (decorated != null) {
            room.remove(decorated);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        WebSocketSession client = sessions.get(session.getId());
        String payload = message.getPayload();
        int start = 0;
        int end;
        while ((end = payload.indexOf(SEPARATOR, start)) >= 0) {
            JsonNode record = json.readTree(payload.substring(start, end));
            start = end + 1;
            if (client.getAttributes().containsKey(HANDSHAKEN)) {
                invocation(client, record);
            } else {
                handshake(client, record);
            }
        }
    }

    private void handshake(WebSocketSession client, JsonNode request) throws IOException {
        if (!request.path("protocol").asString("").equals("json")) {
            client.sendMessage(new TextMessage("{\"error\":\"Only the json protocol is supported.\"}" + SEPARATOR));
            client.close(CloseStatus.PROTOCOL_ERROR);
            return;
        }
        client.getAttributes().put(HANDSHAKEN, true);
        client.sendMessage(new TextMessage("{}" + SEPARATOR));
    }

    private void invocation(WebSocketSession client, JsonNode record) throws IOException {
        if (record.path("type").asInt() != 1) {
            return;
        }
        String id = record.path("invocationId").asString(null);
        String argument = record.path("arguments").path(0).asString(null);
        switch (record.path("target").asString("")) {
            case "join" -> {
                client.getAttributes().put(NICKNAME, argument);
                room.add(client);
                complete(client, id, null, null);
            }
            case "send" -> {
                Object nickname = client.getAttributes().get(NICKNAME);
                if (nickname == null) {
                    complete(client, id, null, "You must join the chat with a nickname first");
                    return;
                }
                broadcast(new TextMessage(json.writeValueAsString(
                        new Invocation(1, "message", List.of(nickname, argument))) + SEPARATOR));
                complete(client, id, null, null);
            }
            case "echo" -> complete(client, id, argument, null);
            default -> complete(client, id, null, "Unknown method " + record.path("target").asString());
        }
    }

    /** Serialized once, written to every session in the room in turn. */
    private void broadcast(TextMessage message) {
        for (WebSocketSession member : room) {
            try {
                member.sendMessage(message);
            } catch (IOException | SessionLimitExceededException e) {
                // The decorator closes a session past its limits; the close callback removes it.
                LOG.debug("Could not send to {}: {}", member.getId(), e.toString());
                room.remove(member);
            }
        }
    }

    /** The completion of invocation {@code id}; an invocation without an id awaits none. */
    private void complete(WebSocketSession client, String id, Object result, String error) throws IOException {
        if (id != null) {
            client.sendMessage(new TextMessage(json.writeValueAsString(new Completion(3, id, result, error))
                    + SEPARATOR));
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        LOG.debug("Transport error on {}: {}", session.getId(), exception.toString());
    }

    /** A record that calls {@code target} on the client. */
    record Invocation(int type, String target, List<Object> arguments) {
    }

    /** The answer to an invocation: its result, or its error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Completion(int type, String invocationId, Object result, String error) {
    }
}
