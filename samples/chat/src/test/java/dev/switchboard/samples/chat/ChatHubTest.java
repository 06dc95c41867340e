package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubException;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.HubServer;
import dev.switchboard.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The chat hub's contract, through the official Java SignalR client, on a chat room of one server. */
class ChatHubTest {

    private HubServer server;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = createServer().start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        clients.forEach(ChatClient::close);
        // None when createServer() was skipped (a prerequisite missing) or failed.
        if (server != null) {
            server.close();
        }
        afterServerClosed();
    }

    /** The server under test, not yet started: subclasses run the same contract on other setups. */
    HubServer createServer() throws Exception {
        return ChatServer.create(0);
    }

    /** Closes what {@link #createServer()} made besides the server, after it. */
    void afterServerClosed() throws Exception {
    }

    @Test
    void joinReturnsSortedNicknamesAndAnnouncesToOthersOnly() throws Exception {
        ChatClient bob = connect();
        assertEquals(List.of("bob"), bob.join("bob"));
        ChatClient alice = connect();
        assertEquals(List.of("alice", "bob"), alice.join("  alice "));
        assertEquals("userJoined(alice)", bob.nextEvent());

        // Alice's next event is her own message: she was not told about her own join.
        alice.call("send", "hi");
        assertEquals("message(alice, hi)", alice.nextEvent());
        assertEquals("message(alice, hi)", bob.nextEvent());
    }

    @Test
    void nicknamesAreSortedIgnoringCase() {
        connect().join("bob");
        connect().join("Carol");
        assertEquals(List.of("alice", "bob", "Carol"), connect().join("alice"));
    }

    @Test
    void badNicknamesAreRefused() {
        ChatClient alice = connect();
        alice.join("alice");
        ChatClient other = connect();
        assertError("nickname", () -> other.join("ALICE"));
        assertError("nickname", () -> other.join("   "));
        assertError("nickname", () -> other.join(null));
        assertError("nickname", () -> other.join("x".repeat(ChatHub.MAX_NAME_LENGTH + 1)));
        assertError("nickname", () -> alice.join("alice2"));
        assertEquals(List.of("alice", "bob"), other.join("bob"));
        assertEquals(List.of("alice", "bob"), alice.invoke(List.class, "users"));
    }

    @Test
    void longestNicknameIsAccepted() {
        String longest = "n".repeat(ChatHub.MAX_NAME_LENGTH);
        assertEquals(List.of(longest), connect().join(longest));
    }

    @Test
    void sendingRequiresJoining() {
        ChatClient anonymous = connect();
        assertError("join", () -> anonymous.call("send", "hi"));
        assertError("join", () -> anonymous.call("joinRoom", "java"));
        assertError("join", () -> anonymous.call("sendToRoom", "java", "hi"));
        assertError("join", () -> anonymous.call("leaveRoom", "java"));
    }

    @Test
    void messagesReachEveryoneJoinedButNotThoseWhoHaveNot() throws Exception {
        ChatClient alice = connect();
        ChatClient bob = connect();
        ChatClient lurker = connect();
        alice.join("alice");
        bob.join("bob");
        assertEquals("userJoined(bob)", alice.nextEvent());

        bob.call("send", "hello all");
        assertEquals("message(bob, hello all)", alice.nextEvent());
        assertEquals("message(bob, hello all)", bob.nextEvent());

        // The lurker's first event is a message sent after it joined: bob's earlier one never reached it.
        lurker.join("lurker");
        alice.call("send", "welcome");
        assertEquals("message(alice, welcome)", lurker.nextEvent());
    }

    @Test
    void emptyMessagesAreRefused() {
        ChatClient alice = connect();
        alice.join("alice");
        assertError("message", () -> alice.call("send", " "));
        alice.call("joinRoom", "java");
        assertError("message", () -> alice.call("sendToRoom", "java", ""));
    }

    @Test
    void roomMessagesReachOnlyMembers() throws Exception {
        ChatClient alice = connect();
        ChatClient bob = connect();
        ChatClient carol = connect();
        alice.join("alice");
        bob.join("bob");
        carol.join("carol");
        alice.call("joinRoom", "java");
        bob.call("joinRoom", " java ");
        alice.call("joinRoom", "java"); // twice is harmless

        bob.call("sendToRoom", "java", "records?");
        alice.call("send", "lunch");
        assertEvents(alice, "userJoined(bob)", "userJoined(carol)", "roomMessage(java, bob, records?)",
                "message(alice, lunch)");
        assertEvents(bob, "userJoined(carol)", "roomMessage(java, bob, records?)", "message(alice, lunch)");
        // Carol's first event is the later message to everyone: the room message never reached her.
        assertEvents(carol, "message(alice, lunch)");
        assertError("room", () -> carol.call("sendToRoom", "java", "let me in"));
    }

    @Test
    void leavingARoomStopsItsMessages() throws Exception {
        ChatClient alice = connect();
        ChatClient bob = connect();
        alice.join("alice");
        bob.join("bob");
        assertEquals("userJoined(bob)", alice.nextEvent());
        alice.call("joinRoom", "java");
        bob.call("joinRoom", "java");

        bob.call("leaveRoom", "java");
        assertError("room", () -> bob.call("leaveRoom", "java"));
        assertError("room", () -> bob.call("sendToRoom", "java", "hi"));
        alice.call("sendToRoom", "java", "anyone?");
        alice.call("send", "to all");
        assertEquals("message(alice, to all)", bob.nextEvent());
        assertEquals("roomMessage(java, alice, anyone?)", alice.nextEvent());
    }

    @Test
    void roomNamesAreChecked() {
        ChatClient alice = connect();
        alice.join("alice");
        assertError("room", () -> alice.call("joinRoom", " "));
        assertError("room", () -> alice.call("joinRoom", "r".repeat(ChatHub.MAX_NAME_LENGTH + 1)));
        assertError("room", () -> alice.call("sendToRoom", "", "hi"));
        assertError("room", () -> alice.call("sendToRoom", "elsewhere", "hi"));
    }

    @Test
    void aRoomCannotReachTheEveryoneGroup() throws Exception {
        ChatClient alice = connect();
        ChatClient bob = connect();
        alice.join("alice");
        bob.join("bob");
        assertEquals("userJoined(bob)", alice.nextEvent());

        alice.call("joinRoom", ChatHub.EVERYONE);
        alice.call("sendToRoom", ChatHub.EVERYONE, "only me");
        assertEquals("roomMessage(" + ChatHub.EVERYONE + ", alice, only me)", alice.nextEvent());
        alice.call("send", "to all");
        assertEquals("message(alice, to all)", bob.nextEvent());
    }

    @Test
    void disconnectingTellsOthersAndFreesTheNickname() throws Exception {
        ChatClient alice = connect();
        ChatClient bob = connect();
        alice.join("alice");
        bob.join("bob");
        assertEquals("userJoined(bob)", alice.nextEvent());
        bob.call("joinRoom", "java");

        bob.stop();
        assertEquals("userLeft(bob)", alice.nextEvent());
        assertEquals(List.of("alice"), alice.invoke(List.class, "users"));

        ChatClient newBob = connect();
        assertEquals(List.of("alice", "Bob"), newBob.join("Bob"));
        assertEquals("userJoined(Bob)", alice.nextEvent());
        // The old connection's room membership went with it.
        assertError("room", () -> newBob.call("sendToRoom", "java", "hi"));
    }

    @Test
    void nicknamesAreLoggedEscaped() throws Exception {
        String nickname = "eve\nFORGED \u001b[31mred";
        String escaped = "eve\\nFORGED \\u001b[31mred";
        ChatClient alice = connect();
        alice.join("alice");
        String logged;
        try (LogCapture log = new LogCapture()) {
            ChatClient eve = connect();
            eve.join(nickname);
            eve.stop();
            // The hub logs each before it tells the others.
            assertEquals("userJoined(" + nickname + ")", alice.nextEvent());
            assertEquals("userLeft(" + nickname + ")", alice.nextEvent());
            logged = log.text();
        }
        assertTrue(logged.contains(escaped + " joined"), logged);
        assertTrue(logged.contains(escaped + " left"), logged);
        assertFalse(logged.lines().anyMatch(line -> line.startsWith("FORGED")), logged);
        assertFalse(logged.contains("\u001b"), logged);
    }

    @Test
    void worksOverWebSocketsWithoutNegotiate() throws Exception {
        ChatClient alice = track(new ChatClient(HubConnectionBuilder.create(url())
                .shouldSkipNegotiate(true)
                .withTransport(TransportEnum.WEBSOCKETS)
                .build())).start();
        assertEquals(List.of("alice"), alice.join("alice"));
        alice.call("send", "direct");
        assertEquals("message(alice, direct)", alice.nextEvent());
    }

    /** The client's next events are exactly these, in this order. */
    private static void assertEvents(ChatClient client, String... expected) throws InterruptedException {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            received.add(client.nextEvent());
        }
        assertEquals(List.of(expected), received);
    }

    private ChatClient connect() {
        return track(new ChatClient(HubConnectionBuilder.create(url()).build())).start();
    }

    private ChatClient track(ChatClient client) {
        clients.add(client);
        return client;
    }

    private String url() {
        return "http://localhost:" + server.port() + "/chat";
    }

    private static void assertError(String word, Executable call) {
        HubException error = assertThrows(HubException.class, call);
        assertTrue(error.getMessage().contains(word), () -> "'" + word + "' in: " + error.getMessage());
    }
}
