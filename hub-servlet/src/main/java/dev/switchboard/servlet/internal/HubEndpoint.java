package dev.switchboard.servlet.internal;

import dev.switchboard.spi.host.HostSocketListener;
import dev.switchboard.spi.host.Upgrade;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The container's endpoint of one hub WebSocket, made per upgrade: the hub host's {@link Upgrade.Admitted} reaches
 * {@link #onOpen} in the per-upgrade config's user properties, and the socket's messages and end go to the
 * {@link HostSocketListener} it returns.
 */
public final class HubEndpoint extends Endpoint {

    private static final String ADMITTED = "dev.switchboard.servlet.admitted";
    private static final String MAX_MESSAGE = "dev.switchboard.servlet.maxMessage";

    private volatile HostSocketListener listener;

    /** Made by {@link #config}'s configurator, one per socket. */
    public HubEndpoint() {
    }

    /**
     * The per-upgrade config: the admission and message limit ride in its user properties, the admission's headers
     * (CORS's) go on the 101 answer.
     *
     * @param path the hub's path
     * @param admitted the hub host's decision
     * @param maxMessage the largest message, in bytes
     * @return the config for {@code ServerContainer.upgradeHttpToWebSocket}
     */
    static ServerEndpointConfig config(String path, Upgrade.Admitted admitted, int maxMessage) {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(HubEndpoint.class, path)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                                HandshakeResponse response) {
                        admitted.headers().forEach((name, value) -> response.getHeaders().put(name, List.of(value)));
                    }

                    /**
                     * None, as the embedded server: permessage-deflate would compress every broadcast once per
                     * socket and keep a compressor per socket, several times the CPU and memory of the send.
                     */
                    @Override
                    public List<Extension> getNegotiatedExtensions(List<Extension> installed,
                                                                   List<Extension> requested) {
                        return List.of();
                    }

                    @Override
                    public boolean checkOrigin(String originHeaderValue) {
                        return true;   // the hub host has judged the origin
                    }

                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new HubEndpoint());
                    }
                })
                .build();
        config.getUserProperties().put(ADMITTED, admitted);
        config.getUserProperties().put(MAX_MESSAGE, maxMessage);
        return config;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Upgrade.Admitted admitted = (Upgrade.Admitted) config.getUserProperties().get(ADMITTED);
        int max = (Integer) config.getUserProperties().get(MAX_MESSAGE);
        session.setMaxTextMessageBufferSize(max);
        session.setMaxBinaryMessageBufferSize(max);
        session.setMaxIdleTimeout(0);   // keep-alive and timeouts are the hub host's
        HostSocketListener opened = admitted.open(new SessionSocket(session));
        listener = opened;
        session.addMessageHandler(String.class,
                text -> opened.onMessage(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true));
        session.addMessageHandler(ByteBuffer.class, bytes -> {
            ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
            copy.put(bytes).flip();
            opened.onMessage(copy);
        });
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        HostSocketListener current = listener;
        if (current != null) {
            int code = closeReason.getCloseCode().getCode();
            // A socket that ended without a close frame (1006) is an error: a stateful connection waits for a resume.
            current.onClose(code == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode()
                    || code == CloseReason.CloseCodes.GOING_AWAY.getCode() ? null
                    : new IOException("WebSocket closed with status code " + code));
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        HostSocketListener current = listener;
        if (current != null) {
            current.onClose(error);
        }
    }
}
