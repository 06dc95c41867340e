package dev.switchboard.client;

import dev.switchboard.AuthenticationException;
import dev.switchboard.AuthorizationPolicy;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubServer;
import dev.switchboard.HubUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code test/integration/auth.test.mjs}, our client then the official one, against a server that
 * authenticates: its tokens are fixed strings, since what is tested is how the clients carry them.
 */
class AuthIntegrationTest {

    /** The users by token; "expired" stands for any token an authenticator refuses. */
    private static final Map<String, HubUser> USERS = Map.of(
            "token-alice", HubUser.of("alice", "admin"),
            "token-bob", HubUser.of("bob"));

    private static HubServer server;

    @BeforeAll
    static void start() throws Exception {
        server = HubServer.builder()
                .port(0)
                .authenticator(AuthIntegrationTest::authenticate)
                .authorizationPolicy(AuthTestHub.ALICE_ONLY, AuthorizationPolicy.builder()
                        .requireAssertion(user -> user.userId().equals("alice")).build())
                .hub("/auth", AuthTestHub.class)
                .hub("/alice", AuthTestHub.AliceHub.class)
                .build()
                .start();
    }

    private static HubUser authenticate(ConnectionRequest request, String token) throws AuthenticationException {
        if (token == null) {
            return null;
        }
        HubUser user = USERS.get(token);
        if (user == null) {
            throw new AuthenticationException("The token has expired.");
        }
        return user;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void clientAuthenticatesOverEveryTransport() throws Exception {
        run("switchboard");
    }

    @Test
    void theOfficialClientPassesTheSameTests() throws Exception {
        Node.npmInstall();
        run("official");
    }

    private static void run(String client) throws Exception {
        System.out.println(Node.run(
                List.of("node", "--experimental-websocket", "--no-warnings", "--test", "--test-reporter=spec",
                        "--test-concurrency=1", "--test-timeout=30000", "test/integration/auth.test.mjs"),
                Map.of("SWITCHBOARD_AUTH_URL", "http://127.0.0.1:" + server.port(), "SWITCHBOARD_CLIENT", client),
                300));
    }
}
