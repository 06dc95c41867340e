package dev.switchboard.internal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubOptions;
import dev.switchboard.internal.connection.ConnectionState;
import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.internal.dispatch.HubDescriptor;
import dev.switchboard.internal.dispatch.HubDispatcher;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.JsonHubProtocol;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.spi.DefaultHubLifetimeManager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@link MicroHub} wired as {@code HubServer.build()} wires a hub (Guice-created hubs, the SignalR mapper,
 * the in-memory lifetime manager), minus the HTTP host: connections are made directly over
 * {@link NoOpSender}s. Hub work runs on the calling thread, so a benchmark measures the work itself rather
 * than the hand-off to the hub thread pool.
 */
final class InProcessHub {

    private static final byte[] HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}\u001e"
            .getBytes(StandardCharsets.UTF_8);
    private static final ConnectionRequest REQUEST = new ConnectionRequest("/hub", Map.of(), Map.of(), "127.0.0.1");

    private final ObjectMapper mapper = JsonMappers.signalR();
    final JsonHubProtocol protocol = new JsonHubProtocol(mapper);
    private final DefaultHubLifetimeManager lifetime = new DefaultHubLifetimeManager();
    private final HandshakeProtocol handshake = new HandshakeProtocol(mapper);
    private final Map<String, HubProtocol> protocols = Map.of(JsonHubProtocol.NAME, protocol);
    private final HubOptions options = HubOptions.defaults();
    final HubDispatcher dispatcher = new HubDispatcher(HubDescriptor.of(MicroHub.class, mapper),
            Guice.createInjector().getProvider(MicroHub.class), lifetime, request -> null, options);

    /** A connection past its handshake, registered with the lifetime manager. */
    HubConnectionContext connect(String id, NoOpSender sender) {
        HubConnectionContext connection = new HubConnectionContext(id, id, options, dispatcher, protocols, handshake,
                Runnable::run, Runnable::run);
        connection.attach(sender, REQUEST);
        connection.receive(ByteBuffer.wrap(HANDSHAKE));
        if (connection.state() != ConnectionState.CONNECTED) {
            throw new IllegalStateException("Connection " + id + " did not connect: " + connection.state());
        }
        return connection;
    }
}
