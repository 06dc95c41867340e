package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HttpHubConnectionBuilder;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.fixtures.SecureHub;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import io.reactivex.rxjava3.core.Single;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Authentication and {@link Authorize} as the official Java client sees them, with JWTs checked by the
 * {@link JwtAuthenticator} example: over WebSockets (negotiated and direct) and long polling.
 */
class AuthTest {

    private static HubServer server;
    private JavaClients clients;

    @BeforeAll
    static void start() throws Exception {
        server = HubServer.builder().port(0)
                .authenticator(new JwtAuthenticator(Jwts.SECRET))
                .hub("/secure", SecureHub.class)
                .hub("/open", TestHub.class)
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clients() {
        clients = new JavaClients(server.port());
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    private HubConnection connect(TransportEnum transport, String token) {
        return clients.connect("/secure", withToken(transport, token));
    }

    private static UnaryOperator<HttpHubConnectionBuilder> withToken(TransportEnum transport, String token) {
        return builder -> {
            builder.withTransport(transport);
            return token == null ? builder : builder.withAccessTokenProvider(Single.defer(() -> Single.just(token)));
        };
    }

    private static String call(HubConnection connection, String method, Object... args) {
        return connection.invoke(String.class, method, args).timeout(10, TimeUnit.SECONDS).blockingGet();
    }

    private RuntimeException failedStart(UnaryOperator<HttpHubConnectionBuilder> options) {
        HubConnection connection = clients.build("/secure", options);
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> connection.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(HubConnectionState.DISCONNECTED, connection.getConnectionState());
        return failure;
    }

    /** The messages of a failure and its causes, where the clients put the HTTP status. */
    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause).append('\n');
        }
        return messages.toString();
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void aValidTokenConnectsAndTheHubSeesItsUser(TransportEnum transport) {
        HubConnection alice = connect(transport, Jwts.token("alice", "admin", "ops"));
        assertEquals(HubConnectionState.CONNECTED, alice.getConnectionState());
        assertEquals("alice [admin, ops]", call(alice, "whoAmI"));
        assertEquals("alice", call(alice, "userIdentifier"));
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void withoutATokenTheHubRefusesTheConnectionWith401(TransportEnum transport) {
        RuntimeException failure = failedStart(withToken(transport, null));
        assertEquals("Unexpected status code returned from negotiate: 401 Unauthorized.", failure.getMessage());
    }

    @Test
    void aDirectWebSocketNeedsAToken() {
        RuntimeException failure = failedStart(builder -> builder.withTransport(TransportEnum.WEBSOCKETS)
                .shouldSkipNegotiate(true));
        assertTrue(causes(failure).contains("Expected HTTP 101 response but was '401 Unauthorized'"),
                causes(failure));

        HubConnection direct = clients.connect("/secure", builder -> builder.withTransport(TransportEnum.WEBSOCKETS)
                .shouldSkipNegotiate(true)
                .withAccessTokenProvider(Single.just(Jwts.token("dora", "ops"))));
        assertEquals("dora [ops]", call(direct, "whoAmI"));
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void expiredAndForgedTokensAreRefusedWith401(TransportEnum transport) {
        RuntimeException expired = failedStart(withToken(transport, Jwts.expired("alice")));
        assertEquals("Unexpected status code returned from negotiate: 401 Unauthorized.", expired.getMessage());
        RuntimeException forged = failedStart(withToken(transport, Jwts.forged("alice", "admin")));
        assertEquals("Unexpected status code returned from negotiate: 401 Unauthorized.", forged.getMessage());
    }

    @Test
    void anInvalidTokenIsRefusedEvenWhereAnonymousUsersAreWelcome() {
        HubConnection anonymous = clients.connect("/open");
        assertEquals(HubConnectionState.CONNECTED, anonymous.getConnectionState());
        HubConnection bad = clients.build("/open",
                builder -> builder.withAccessTokenProvider(Single.just(Jwts.forged("mallory"))));
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> bad.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(failure.getMessage().contains("401"), failure.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void aMethodForSomeRolesAnswersOthersWithSignalRsError(TransportEnum transport) {
        HubConnection admin = connect(transport, Jwts.token("alice", "admin"));
        HubConnection auditor = connect(transport, Jwts.token("bob", "auditor"));
        assertEquals("secret", call(admin, "adminOnly"));
        assertEquals("report", call(admin, "opsOrAuditor"));
        assertEquals("report", call(auditor, "opsOrAuditor"));

        String refused = assertThrows(com.microsoft.signalr.HubException.class,
                () -> call(auditor, "adminOnly")).getMessage();
        assertEquals("Failed to invoke 'adminOnly' because user is unauthorized", refused);

        assertEquals(List.of(1, 2, 3), admin.stream(Integer.class, "adminCount", 3).toList()
                .timeout(10, TimeUnit.SECONDS).blockingGet());
        Throwable streamRefused = assertThrows(RuntimeException.class, () -> auditor.stream(Integer.class,
                "adminCount", 3).toList().timeout(10, TimeUnit.SECONDS).blockingGet());
        assertEquals("Failed to invoke 'adminCount' because user is unauthorized", streamRefused.getMessage());
        // The refusals cost the connection nothing.
        assertEquals("bob [auditor]", call(auditor, "whoAmI"));
    }

    @Test
    void userReachesEveryConnectionOfTheUserAndUsersEachListedUser() throws Exception {
        HubConnection alicePhone = connect(TransportEnum.WEBSOCKETS, Jwts.token("alice"));
        HubConnection aliceLaptop = connect(TransportEnum.LONG_POLLING, Jwts.token("alice"));
        HubConnection bob = connect(TransportEnum.WEBSOCKETS, Jwts.token("bob"));
        HubConnection carol = connect(TransportEnum.WEBSOCKETS, Jwts.token("carol"));
        BlockingQueue<String> toAlicePhone = JavaClients.inbox(alicePhone, "msg");
        BlockingQueue<String> toAliceLaptop = JavaClients.inbox(aliceLaptop, "msg");
        BlockingQueue<String> toBob = JavaClients.inbox(bob, "msg");
        BlockingQueue<String> toCarol = JavaClients.inbox(carol, "msg");

        bob.invoke("tellUser", "alice", "hi alice").blockingAwait(10, TimeUnit.SECONDS);
        assertEquals("hi alice", Await.next(toAlicePhone, "alice's phone"));
        assertEquals("hi alice", Await.next(toAliceLaptop, "alice's laptop"));

        carol.invoke("tellUsers", List.of("alice", "bob"), "hi all").blockingAwait(10, TimeUnit.SECONDS);
        assertEquals("hi all", Await.next(toAlicePhone, "alice's phone"));
        assertEquals("hi all", Await.next(toAliceLaptop, "alice's laptop"));
        assertEquals("hi all", Await.next(toBob, "bob"));
        // Carol was addressed by neither call; a message to herself marks the end of what she received.
        carol.invoke("tellUser", "carol", "end").blockingAwait(10, TimeUnit.SECONDS);
        assertEquals("end", Await.next(toCarol, "carol"));
        assertTrue(toBob.isEmpty() && toCarol.isEmpty());
    }

    @Test
    void anAuthorizeHubNeedsAnAuthenticator() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().port(0).hub("/secure", SecureHub.class).build());
        assertTrue(failure.getMessage().contains("@Authorize"), failure.getMessage());
    }
}
