package dev.switchboard.internal.lifetime;

import dev.switchboard.spi.DefaultHubLifetimeManager;
import dev.switchboard.Transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubOptions;
import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.internal.connection.ConnectionEvents;
import dev.switchboard.internal.connection.NoOpHandler;
import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.JsonHubProtocol;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The in-memory lifetime manager, with real connections over recording transports. */
class DefaultHubLifetimeManagerTest {

    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}\u001e";

    private final DefaultHubLifetimeManager lifetime = new DefaultHubLifetimeManager();
    private final List<RecordingSender> senders = new ArrayList<>();

    /** Records every payload; completes each send at once. */
    private static final class RecordingSender implements TransportSender {
        final List<Payload> sent = new ArrayList<>();

        @Override
        public synchronized void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
            sent.addAll(batch);
            done.accept(null);
        }

        @Override
        public Transport type() {
            return Transport.WEB_SOCKETS;
        }

        @Override
        public void abort() {
        }
    }

    /** Registers with the lifetime manager on handshake, as the dispatcher does. */
    private final ConnectionEvents registering = new NoOpHandler() {
        @Override
        public void onHandshake(HubConnectionContext connection) {
            lifetime.onConnected(connection);
        }

        @Override
        public void onClosed(HubConnectionContext connection) {
            lifetime.onDisconnected(connection);
        }
    };

    private HubConnectionContext connect(String id) {
        var mapper = JsonMappers.signalR();
        HubConnectionContext connection = new HubConnectionContext(id, id, HubOptions.defaults(), registering,
                Map.of("json", new JsonHubProtocol(mapper)), new HandshakeProtocol(mapper), Runnable::run,
                Runnable::run);
        RecordingSender sender = new RecordingSender();
        senders.add(sender);
        assertTrue(connection.attach(sender, new ConnectionRequest("/hub", Map.of(), Map.of(), "127.0.0.1")));
        connection.receive(ByteBuffer.wrap(HANDSHAKE.getBytes(StandardCharsets.UTF_8)));
        return connection;
    }

    private static Payload lastSent(RecordingSender sender) {
        return sender.sent.get(sender.sent.size() - 1);
    }

    @Test
    void aBroadcastIsSerializedOnceAndTheSameBytesGoToEveryConnection() {
        for (int i = 0; i < 3; i++) {
            connect("c" + i);
        }
        lifetime.sendAll("message", List.of("ada", "hello"));
        Payload first = lastSent(senders.get(0));
        assertEquals("{\"type\":1,\"target\":\"message\",\"arguments\":[\"ada\",\"hello\"]}\u001e", first.text());
        for (RecordingSender sender : senders) {
            assertSame(first, lastSent(sender));
            assertSame(first.bytes(), lastSent(sender).bytes());
        }
    }

    @Test
    void groupSendsReachOnlyMembersAndMembershipEndsWithTheConnection() {
        HubConnectionContext a = connect("a");
        connect("b");
        lifetime.addToGroup("a", "g");
        lifetime.addToGroup("b", "g");
        lifetime.removeFromGroup("b", "g");
        lifetime.sendGroup("g", "m", List.of());
        assertEquals(2, senders.get(0).sent.size(), "the handshake reply and the group message");
        assertEquals(1, senders.get(1).sent.size(), "only the handshake reply");

        lifetime.onDisconnected(a);
        assertTrue(lifetime.groups("a").isEmpty());
        lifetime.sendGroup("g", "m", List.of());
        assertEquals(2, senders.get(0).sent.size());
    }

    /** A service adds a connection to a group while it disconnects: it must not stay in the group. */
    @Test
    void aGroupAddRacingADisconnectLeavesNoDeadMember() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            DefaultHubLifetimeManager manager = new DefaultHubLifetimeManager();
            HubConnectionContext x = unattached("x" + i);
            manager.onConnected(x);
            together(() -> manager.addToGroup(x.connectionId(), "g"), () -> manager.onDisconnected(x));
            assertEquals(0, manager.sizes().groups(), "iteration " + i);
        }
    }

    /** An add and a remove of the same membership at once: the index and the connection agree after. */
    @Test
    void concurrentAddAndRemoveKeepTheIndexAndTheConnectionInStep() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            DefaultHubLifetimeManager manager = new DefaultHubLifetimeManager();
            HubConnectionContext x = unattached("x" + i);
            manager.onConnected(x);
            together(() -> manager.addToGroup(x.connectionId(), "g"),
                    () -> manager.removeFromGroup(x.connectionId(), "g"));
            assertEquals(manager.sizes().groups() == 1, manager.groups(x.connectionId()).contains("g"), "iteration " + i);
        }
    }

    private static HubConnectionContext unattached(String id) {
        return new HubConnectionContext(id, id, HubOptions.defaults(), null, Map.of(), null, Runnable::run, Runnable::run);
    }

    /** Runs both at once, released together by a barrier, and returns when both are done. */
    private static void together(Runnable first, Runnable second) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(2);
        Thread other = new Thread(() -> {
            await(start);
            first.run();
        });
        other.start();
        await(start);
        second.run();
        other.join();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sendsToUnknownTargetsDoNothing() {
        connect("a");
        lifetime.sendConnection("nobody", "m", List.of());
        lifetime.sendGroup("no-group", "m", List.of());
        lifetime.sendUser("no-user", "m", List.of());
        lifetime.addToGroup("nobody", "g");
        assertEquals(1, senders.get(0).sent.size());
    }
}
