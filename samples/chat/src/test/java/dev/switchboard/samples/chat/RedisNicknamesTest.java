package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.HubException;
import dev.switchboard.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The nickname registry of a room spanning servers, against a real redis-server; each registry is a server. */
class RedisNicknamesTest {

    /** Short, so that sweeps come every 200 ms; the servers here are threads of one JVM, never starved long. */
    private static final Duration TTL = Duration.ofMillis(600);
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String HASH = RedisChat.PREFIX + ":nicknames";

    private RedisServer redis;
    private final List<RedisNicknames> servers = new ArrayList<>();
    private final BlockingQueue<String> departures = new LinkedBlockingQueue<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        servers.forEach(RedisNicknames::close);
        redis.close();
    }

    @Test
    void nicknamesAreUniqueAcrossServersIgnoringCase() {
        RedisNicknames a = server("a");
        RedisNicknames b = server("b");
        assertTrue(a.claim("c1", "Alice").join());
        assertFalse(b.claim("c2", "aLICE").join());
        assertFalse(a.claim("c3", "alice").join());
        assertTrue(b.claim("c2", "bob").join());
        assertTrue(b.claim("c4", "carol|with|bars").join());
        assertEquals(List.of("Alice", "bob", "carol|with|bars"), a.nicknames().join());
        assertEquals(a.nicknames().join(), b.nicknames().join());
    }

    @Test
    void oneOfManySimultaneousClaimsOnTwoServersWins() {
        RedisNicknames a = server("a");
        RedisNicknames b = server("b");
        List<CompletableFuture<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            claims.add((i % 2 == 0 ? a : b).claim("c" + i, i % 4 < 2 ? "sam" : "SAM"));
        }
        assertEquals(1, claims.stream().filter(CompletableFuture::join).count());
        assertEquals(1, b.nicknames().join().size());
    }

    @Test
    void releasingFreesOnlyTheHoldersNickname() {
        RedisNicknames a = server("a");
        RedisNicknames b = server("b");
        a.claim("c1", "alice").join();
        b.release("c1", "alice").join();
        a.release("c9", "alice").join();
        assertFalse(b.claim("c2", "alice").join());

        a.release("c1", "alice").join();
        assertTrue(b.claim("c2", "ALICE").join());
        assertEquals(List.of("ALICE"), a.nicknames().join());
    }

    @Test
    void theNicknamesOfAServerWhoseHeartbeatStoppedAreFreedAndAnnouncedOnce() throws Exception {
        RedisNicknames a = server("a");
        RedisNicknames b = server("b");
        a.claim("c1", "alice").join();
        redis.command("HSET", HASH, "ghost", "dead|c7|Ghost");
        redis.command("HSET", HASH, "zed", "dead|c8|Zed");

        assertEquals(List.of("Ghost", "Zed"), List.of(nextDeparture(), nextDeparture()).stream().sorted().toList());
        assertEquals(List.of("alice"), b.nicknames().join());
        assertTrue(b.claim("c2", "ghost").join());
        // Two servers swept, yet each departure was announced by one.
        assertNull(departures.poll(4 * TTL.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void aClosedServersLeftoversAreSweptByTheOthers() throws Exception {
        RedisNicknames a = server("a");
        RedisNicknames b = server("b");
        a.claim("c1", "alice").join();
        redis.command("HSET", HASH, "stale", "a|c9|Stale");
        a.close();
        // alice was never released: her server stopped without its connections leaving, as if cut off.
        assertEquals(List.of("alice", "Stale"),
                List.of(nextDeparture(), nextDeparture()).stream().sorted(String.CASE_INSENSITIVE_ORDER).toList());
        assertEquals(List.of(), b.nicknames().join());
    }

    @Test
    void entriesOfThisServerWithoutAConnectionAreDeletedSilently() throws Exception {
        RedisNicknames a = server("a");
        redis.command("HSET", HASH, "orphan", "a|c9|Orphan");
        eventually(() -> a.nicknames().join().isEmpty());
        assertNull(departures.poll(4 * TTL.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void duringAnOutageCallsFailAtOnceAndAfterARestartTheNicknamesAreClaimedAgain() throws Exception {
        RedisNicknames a = server("a");
        RedisNicknames b = server("b");
        a.claim("c1", "alice").join();
        a.claim("c2", "amy").join();
        b.claim("c3", "bob").join();

        redis.stop();
        long started = System.nanoTime();
        assertUnreachable(a.claim("c4", "carol"));
        assertUnreachable(b.nicknames());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "failed within the command timeout");
        a.release("c2", "amy");

        redis.startAgain();
        // The restarted Redis lost everything: each server claims its users again, and amy, who left during
        // the outage, is neither claimed again nor announced (nobody on other servers heard of her since).
        eventually(() -> a.nicknames().join().equals(List.of("alice", "bob")));
        assertFalse(b.claim("c5", "Alice").join());
        assertTrue(b.claim("c5", "amy").join());
        assertNull(departures.poll());
    }

    @Test
    void aNicknameRedisRefusedToFreeIsFreedAndAnnouncedLater() throws Exception {
        RedisNicknames a = server("a");
        RedisNicknames b = server("b");
        a.claim("c1", "alice").join();
        // Redis keeps its data but refuses scripts, as if cut off from this server for a while.
        redis.command("ACL", "SETUSER", "default", "-eval");
        a.release("c1", "alice");
        // Commands are answered in order: once this claim has failed, so has the release sent before it.
        assertUnreachable(a.claim("c2", "amy"));
        assertEquals(List.of("alice"), b.nicknames().join());

        redis.command("ACL", "SETUSER", "default", "+eval");
        assertEquals("alice", nextDeparture());
        assertEquals(List.of(), b.nicknames().join());
    }

    @Test
    void anUnreachableRedisIsAClearError() throws Exception {
        redis.stop();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> RedisNicknames.connect(redis.uri(), RedisChat.PREFIX, "a", TTL));
        assertTrue(error.getMessage().startsWith("Cannot reach Redis at 127.0.0.1:" + redis.port() + ": "),
                error.getMessage());
    }

    private RedisNicknames server(String serverId) {
        RedisNicknames server = RedisNicknames.connect(redis.uri(), RedisChat.PREFIX, serverId, TTL);
        server.onDeparted(departures::add);
        servers.add(server);
        return server;
    }

    private String nextDeparture() throws InterruptedException {
        String nickname = departures.poll(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(nickname != null, "a departure announced within " + BOUND);
        return nickname;
    }

    private static void assertUnreachable(CompletableFuture<?> call) {
        CompletionException error = assertThrows(CompletionException.class, call::join);
        assertInstanceOf(HubException.class, error.getCause());
        assertEquals(RedisNicknames.UNREACHABLE, error.getCause().getMessage());
    }

    /** Waits for a condition that the sweeps bring about, checking it every 50 ms; failing counts as false. */
    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!holds(condition)) {
            assertTrue(System.nanoTime() < deadline, "condition met within " + BOUND);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (CompletionException notYet) {
            return false;
        }
    }
}
