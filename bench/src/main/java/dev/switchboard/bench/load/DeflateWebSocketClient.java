package dev.switchboard.bench.load;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A client over Tomcat's WebSocket client, which offers permessage-deflate as a browser does; java.net.http's
 * cannot (it refuses a {@code Sec-WebSocket-Extensions} header). A server that agrees compresses what it sends
 * this client, and the client inflates it.
 */
public final class DeflateWebSocketClient extends ClientBase {

    private static final ClientEndpointConfig OFFERING_DEFLATE = ClientEndpointConfig.Builder.create()
            .extensions(List.of(new Offered("permessage-deflate"))).build();

    private final WebSocketContainer container;
    private final Executor connecting;
    private final URI uri;
    private volatile Session session;

    /** A client of the server at {@code base} ({@code ws://host:port}), connecting on {@code connecting}. */
    public DeflateWebSocketClient(WebSocketContainer container, Executor connecting, String base, Dialect dialect,
                                  Receiver receiver, Runnable onLost) {
        super(dialect, receiver, onLost);
        this.container = container;
        this.connecting = connecting;
        this.uri = URI.create(base + dialect.webSocketPath());
    }

    @Override
    public CompletableFuture<Void> open(String nickname) {
        // Tomcat's client connects blocking: off the caller's thread, which opens thousands.
        connecting.execute(() -> {
            try {
                container.connectToServer(new Listener(), OFFERING_DEFLATE, uri);
                if (dialect.hello() != null) {
                    write(dialect.hello());
                }
            } catch (Exception e) {
                failed(e);
            }
        });
        return joinOnceOpened(nickname);
    }

    @Override
    protected synchronized void write(Frame frame) {
        Session current = session;
        if (current == null) {
            return;
        }
        try {
            if (frame.isBinary()) {
                current.getBasicRemote().sendBinary(ByteBuffer.wrap(frame.bytes()));
            } else {
                current.getBasicRemote().sendText(frame.text());
            }
        } catch (IOException | IllegalStateException e) {
            failed(e);
        }
    }

    @Override
    public void close() {
        closing();
        Session current = session;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }

    /** The largest message taken whole, as the official clients take any. */
    private static final int MAX_MESSAGE = 16 * 1024 * 1024;

    /** The session's callbacks, on Tomcat's client threads. */
    private final class Listener extends Endpoint {

        @Override
        public void onOpen(Session opened, EndpointConfig config) {
            session = opened;
            // A server may send several records in one message (ASP.NET Core and hub-servlet coalesce what
            // queued); Tomcat's client would close at its default of 8 KB with 1009, as no browser does.
            opened.setMaxTextMessageBufferSize(MAX_MESSAGE);
            opened.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
            opened.addMessageHandler(String.class,
                    (MessageHandler.Whole<String>) text -> dialect.receive(text, DeflateWebSocketClient.this));
            opened.addMessageHandler(ByteBuffer.class,
                    (MessageHandler.Whole<ByteBuffer>) DeflateWebSocketClient.this::receive);
        }

        @Override
        public void onClose(Session closed, CloseReason reason) {
            failed(new IllegalStateException("Closed by the server: " + reason));
        }

        @Override
        public void onError(Session failedSession, Throwable error) {
            failed(error);
        }
    }

    /** An extension the client asks for, without parameters. */
    private record Offered(String name) implements Extension {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public List<Parameter> getParameters() {
            return List.of();
        }
    }
}
