package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubException;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.testing.NodeContract;
import dev.switchboard.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two chat servers, each a process of the packaged jar, on one real redis-server form one chat room, with the
 * official clients on every transport: the Java client on the two it has, the JavaScript client (in Node) on
 * all three. Every test gets a fresh Redis and fresh servers, so that no event of one reaches another.
 */
class TwoChatServersIT {

    /** The servers' heartbeat TTL: short, so that a killed server is noticed within seconds. */
    private static final long TTL_MILLIS = 2000;
    /**
     * The servers' JVM options: the short TTL, and the quick compiler only, which starts a server with 40 % less
     * CPU time; these servers live for seconds.
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1",
            "-D" + RedisNicknames.TTL_PROPERTY + "=" + TTL_MILLIS);
    /** How soon a killed server's users must be gone: the TTL, a sweep period and a generous margin. */
    private static final long DEPARTURE_BOUND_MILLIS = 10_000;

    private RedisServer redis;
    private List<ChatProcess> servers;
    private ChatProcess a;
    private ChatProcess b;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void startRedisAndServers() throws Exception {
        redis = RedisServer.start();
        servers = ChatProcess.startAll(2, JVM_OPTIONS, "--redis", redis.uri());
        a = servers.get(0);
        b = servers.get(1);
    }

    @AfterEach
    void stopEverything() throws Exception {
        clients.forEach(ChatClient::close);
        ChatProcess.closeAll(servers);
        redis.close();
    }

    @ParameterizedTest(name = "Java client over {0}")
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void javaClientsOnTwoServersShareOneRoom(TransportEnum transport) throws Exception {
        ChatClient ada = connect(a, transport);
        ChatClient bob = connect(b, transport);
        ChatClient carol = connect(b, transport);
        assertEquals(List.of("ada"), ada.join("ada"));
        assertEquals(List.of("ada", "bob"), bob.join("bob"));
        assertEquals("userJoined(bob)", ada.nextEvent());
        assertError("in use", () -> carol.join("ADA"));

        bob.call("send", "hello");
        assertEquals("message(bob, hello)", ada.nextEvent());
        assertEquals("message(bob, hello)", bob.nextEvent());

        ada.call("joinRoom", "java");
        bob.call("joinRoom", "java");
        assertEquals(List.of("ada", "bob", "carol"), carol.join("carol"));
        assertEquals("userJoined(carol)", ada.nextEvent());
        assertEquals("userJoined(carol)", bob.nextEvent());
        ada.call("sendToRoom", "java", "records?");
        assertEquals("roomMessage(java, ada, records?)", bob.nextEvent());
        assertEquals("roomMessage(java, ada, records?)", ada.nextEvent());
        // Carol's first event is the later message to everyone: the room message never reached her.
        ada.call("send", "lunch");
        assertEquals("message(ada, lunch)", carol.nextEvent());
        assertEquals("message(ada, lunch)", bob.nextEvent());
        assertEquals("message(ada, lunch)", ada.nextEvent());
        assertError("room", () -> carol.call("sendToRoom", "java", "let me in"));
        assertEquals(List.of("ada", "bob", "carol"), ada.invoke(List.class, "users"));
        assertEquals(List.of("ada", "bob", "carol"), carol.invoke(List.class, "users"));

        bob.stop();
        assertEquals("userLeft(bob)", ada.nextEvent());
        assertEquals("userLeft(bob)", carol.nextEvent());
        ChatClient newBob = connect(a, transport);
        assertEquals(List.of("ada", "Bob", "carol"), newBob.join("Bob"));
        assertEquals("userJoined(Bob)", carol.nextEvent());
        assertEquals("userJoined(Bob)", ada.nextEvent());
    }

    @ParameterizedTest(name = "JavaScript client over {0}")
    @ValueSource(strings = {"WebSockets", "ServerSentEvents", "LongPolling"})
    void javaScriptClientsOnTwoServersShareOneRoom(String transport) throws Exception {
        assertEquals("two-server chat passed on " + transport,
                NodeContract.run("chat-redis-contract.mjs", a.hubUrl(), b.hubUrl(), transport));
    }

    @Test
    void theUsersOfAKilledServerLeaveTheRoomAndTheirNicknamesAreFreed() throws Exception {
        ChatClient ada = connect(a, TransportEnum.WEBSOCKETS);
        ChatClient amy = connect(a, TransportEnum.LONG_POLLING);
        ChatClient bob = connect(b, TransportEnum.WEBSOCKETS);
        ada.join("ada");
        amy.join("amy");
        assertEquals(List.of("ada", "amy", "bob"), bob.join("bob"));

        long killed = System.nanoTime();
        a.kill();
        List<String> left = List.of(bob.nextEvent(), bob.nextEvent());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        assertEquals(List.of("userLeft(ada)", "userLeft(amy)"), left.stream().sorted().toList());
        assertTrue(millis < DEPARTURE_BOUND_MILLIS, "left after " + millis + " ms");
        System.out.printf("A killed server's users left the room %d ms after the kill (TTL %d ms)%n", millis,
                TTL_MILLIS);
        assertEquals(List.of("bob"), bob.invoke(List.class, "users"));
        assertEquals(List.of("Ada", "bob"), connect(b, TransportEnum.LONG_POLLING).join("Ada"));
        assertEquals("userJoined(Ada)", bob.nextEvent());
    }

    @Test
    void duringARedisOutageEachServerServesItsOwnUsers() throws Exception {
        ChatClient ada = connect(a, TransportEnum.WEBSOCKETS);
        ChatClient amy = connect(a, TransportEnum.WEBSOCKETS);
        HubConnection bobConnection = HubConnectionBuilder.create(b.hubUrl()).withTransport(TransportEnum.WEBSOCKETS)
                .build();
        BlockingQueue<String> bobHeard = new LinkedBlockingQueue<>();
        bobConnection.on("message", (String from, String text) -> bobHeard.add(text), String.class, String.class);
        ChatClient bob = track(new ChatClient(bobConnection)).start();
        ada.join("ada");
        amy.join("amy");
        bob.join("bob");
        assertEquals("userJoined(amy)", ada.nextEvent());
        assertEquals("userJoined(bob)", ada.nextEvent());
        assertEquals("userJoined(bob)", amy.nextEvent());

        redis.stop();
        ada.call("send", "still here");
        assertEquals("message(ada, still here)", amy.nextEvent());
        assertEquals("message(ada, still here)", ada.nextEvent());
        ada.call("joinRoom", "java");
        amy.call("joinRoom", "java");
        amy.call("sendToRoom", "java", "local rooms work");
        assertEquals("roomMessage(java, amy, local rooms work)", ada.nextEvent());
        assertError(RedisNicknames.UNREACHABLE, () -> connect(a, TransportEnum.WEBSOCKETS).join("cid"));
        assertError(RedisNicknames.UNREACHABLE, () -> bob.invoke(List.class, "users"));

        redis.startAgain();
        // The restarted Redis is empty: each server claims its users' nicknames again.
        eventually(() -> List.of("ada", "amy", "bob").equals(users(bob)));
        // Cross-server delivery resumes once the backplane has subscribed again; what was sent before is lost.
        eventually(() -> {
            ada.call("send", "back");
            return heard(bobHeard, "back");
        });
        assertError("in use", () -> connect(b, TransportEnum.WEBSOCKETS).join("AMY"));
    }

    private ChatClient connect(ChatProcess server, TransportEnum transport) {
        return track(new ChatClient(HubConnectionBuilder.create(server.hubUrl()).withTransport(transport).build()))
                .start();
    }

    private ChatClient track(ChatClient client) {
        clients.add(client);
        return client;
    }

    /** Whether {@code text} arrives within half a second. */
    private static boolean heard(BlockingQueue<String> messages, String text) {
        try {
            return text.equals(messages.poll(500, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<?> users(ChatClient client) {
        try {
            return client.invoke(List.class, "users");
        } catch (HubException unreachable) {
            return List.of();
        }
    }

    /** Waits for a condition that Redis coming back brings about, checking it every 100 ms. */
    private static void eventually(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "condition met within 30 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static void assertError(String words, Executable call) {
        HubException error = assertThrows(HubException.class, call);
        assertTrue(error.getMessage().contains(words), () -> "'" + words + "' in: " + error.getMessage());
    }
}
