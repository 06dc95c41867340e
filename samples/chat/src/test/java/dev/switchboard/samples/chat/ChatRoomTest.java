package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The chat state on its own, without a server. */
class ChatRoomTest {

    private final ChatRoom chat = new ChatRoom();

    private boolean claim(String connectionId, String nickname) {
        return chat.claim(connectionId, nickname).join();
    }

    @Test
    void nicknamesAreUniqueIgnoringCase() {
        assertTrue(claim("c1", "Alice"));
        assertFalse(claim("c2", "aLICE"));
        assertNull(chat.nickname("c2"));
        assertEquals("Alice", chat.nickname("c1"));
    }

    @Test
    void leavingFreesTheNicknameAndTheRooms() {
        claim("c1", "alice");
        claim("c2", "bob");
        chat.enterRoom("c1", "java");
        chat.enterRoom("c2", "java");

        assertEquals("alice", chat.leave("c1").join());
        assertNull(chat.leave("c1").join());
        assertFalse(chat.inRoom("c1", "java"));
        assertTrue(chat.inRoom("c2", "java"));
        assertEquals(List.of("bob"), chat.nicknames().join());
        assertTrue(claim("c3", "ALICE"));
    }

    @Test
    void aConnectionClaimsOnce() {
        claim("c1", "alice");
        assertThrows(IllegalStateException.class, () -> claim("c1", "alice2"));
        assertEquals(List.of("alice"), chat.nicknames().join());
    }

    @Test
    void leavingARoomOnlyWorksForMembers() {
        claim("c1", "alice");
        chat.enterRoom("c1", "java");
        assertTrue(chat.leaveRoom("c1", "java"));
        assertFalse(chat.leaveRoom("c1", "java"));
        assertFalse(chat.inRoom("c1", "java"));
    }

    @Test
    void oneOfManySimultaneousClaimsWins() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String connectionId = "c" + i;
                String nickname = i % 2 == 0 ? "sam" : "SAM";
                claims.add(pool.submit(() -> {
                    go.await();
                    return claim(connectionId, nickname);
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> claim : claims) {
                winners += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners);
            assertEquals(1, chat.nicknames().join().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
