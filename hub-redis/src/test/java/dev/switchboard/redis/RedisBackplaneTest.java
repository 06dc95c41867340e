package dev.switchboard.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.microsoft.signalr.TransportEnum;
import io.reactivex.rxjava3.core.Single;
import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.spi.LifetimeManagerSettings;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.Loopback;
import dev.switchboard.testing.RedisServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration mistakes and bad input: each gets a clear error, and none costs a working server anything. */
class RedisBackplaneTest {

    @Test
    void anUnreachableRedisFailsAtStartWithTheAddress() throws IOException {
        int port = Loopback.freePort();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> RedisBackplane.connect("redis://127.0.0.1:" + port));
        assertTrue(failure.getMessage().startsWith("Cannot reach Redis at 127.0.0.1:" + port), failure.getMessage());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisBackplane.builder("redis://x").channelPrefix(" "));
        assertThrows(IllegalArgumentException.class,
                () -> RedisBackplane.builder("redis://x").maxReconnectDelay(Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class, () -> RedisBackplane.connect("http://localhost:6379"));
    }

    @Test
    void aHubRunsOnceOnABackplaneAndOnlyOnTheServersBackplane() throws Exception {
        try (Cluster cluster = Cluster.start(1)) {
            RedisBackplane backplane = cluster.backplanes.get(0);
            IllegalStateException twice = assertThrows(IllegalStateException.class,
                    () -> backplane.lifetimeManager(LifetimeManagerSettings.defaults(ScaleOutHub.class)));
            assertTrue(twice.getMessage().contains("each server needs a RedisBackplane of its own"), twice.getMessage());

        }
        try (RedisServer redis = RedisServer.start();
             RedisBackplane backplane = RedisBackplane.connect(redis.uri())) {
            HubServer.Builder withoutBackplane = HubServer.builder().port(0).hub("/scale", ScaleOutHub.class)
                    .injector(Guice.createInjector(new SwitchboardModule(ScaleOutHub.class))).backplane(backplane);
            IllegalArgumentException unbound = assertThrows(IllegalArgumentException.class, withoutBackplane::build);
            assertTrue(unbound.getMessage().contains("new SwitchboardModule(backplane, ScaleOutHub.class)"),
                    unbound.getMessage());
        }
    }

    @Test
    void appsWithOtherPrefixesShareARedisWithoutMeeting() throws Exception {
        try (Cluster cluster = Cluster.start(1)) {
            cluster.addServer("another-app", HubOptions.defaults());
            Cluster.Client alice = cluster.connect(0, "alice", TransportEnum.WEBSOCKETS);
            Cluster.Client bob = cluster.connect(1, "bob", TransportEnum.WEBSOCKETS);
            alice.call("toAll", "for the test app");
            bob.call("toAll", "for the other app");
            alice.expect("for the test app");
            bob.expect("for the other app");
            alice.call("toUser", "bob", "bob is in another app");
            bob.call("toAll", "end");
            bob.expect("end");
        }
    }

    @Test
    void aClientResultFromAnotherServerTimesOutAsALocalOneDoes() throws Exception {
        try (Cluster cluster = Cluster.start(1)) {
            cluster.addServer("test", HubOptions.defaults().withClientResultTimeout(Duration.ofMillis(500)));
            Cluster.Client silent = cluster.connect(1, "silent", TransportEnum.WEBSOCKETS);
            silent.connection.onWithResult("answer", question -> Single.never(), String.class);
            Cluster.Client asker = cluster.connect(0, "asker", TransportEnum.WEBSOCKETS);
            String answer = asker.invoke(String.class, "ask", silent.id, "there?");
            assertTrue(answer.startsWith("TimeoutException: ") && answer.contains("within 500 ms"), answer);
        }
    }

    @Test
    void garbageOnAChannelIsIgnoredAndLogged() throws Exception {
        try (LogCapture log = new LogCapture(); Cluster cluster = Cluster.start(2)) {
            Cluster.Client alice = cluster.connect(0, "alice", TransportEnum.WEBSOCKETS);
            Cluster.Client bob = cluster.connect(1, "bob", TransportEnum.WEBSOCKETS);
            String all = Channels.of("test", ScaleOutHub.class).all();
            assertEquals(":2", cluster.redis.command("PUBLISH", all, "not an envelope"));
            bob.call("toAll", "still fine");
            alice.expect("still fine");
            bob.expect("still fine");
            assertEquals(2, log.count("that is not a backplane envelope"), "one line per server");
        }
    }

    @Test
    void envelopesSurviveTheRoundTrip() throws IOException {
        Envelope.Send send = new Envelope.Send("server", Envelope.Audience.GROUPS, List.of("g", "h"),
                List.of("c1"), Map.of("json", "{\"type\":1}\u001e".getBytes()));
        Envelope.Send read = (Envelope.Send) Envelope.read(Envelope.write(send));
        assertEquals(send.origin(), read.origin());
        assertEquals(send.audience(), read.audience());
        assertEquals(send.names(), read.names());
        assertEquals(send.excluded(), read.excluded());
        assertArrayEquals(send.payloads().get("json"), read.payloads().get("json"));
        assertEquals(new Envelope.GroupChange("s", 7, true, "g"),
                Envelope.read(Envelope.write(new Envelope.GroupChange("s", 7, true, "g"))));
        Envelope.Reply reply = (Envelope.Reply) Envelope.read(Envelope.write(
                new Envelope.Reply(9, Envelope.Outcome.RESULT, "42".getBytes())));
        assertEquals("42", new String(reply.body()));
    }

    @Test
    void truncatedOrForeignBytesAreRefused() {
        byte[] whole = Envelope.write(new Envelope.GroupChange("server", 1, false, "group"));
        assertInstanceOf(IOException.class, assertThrows(Exception.class,
                () -> Envelope.read(Arrays.copyOf(whole, whole.length - 3))));
        assertThrows(IOException.class, () -> Envelope.read(new byte[] {9, 1}));
        assertThrows(IOException.class, () -> Envelope.read(new byte[] {Envelope.VERSION, 42}));
    }
}
