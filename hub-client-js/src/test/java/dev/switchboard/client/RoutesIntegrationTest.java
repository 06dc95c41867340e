package dev.switchboard.client;

import dev.switchboard.Authorize;
import dev.switchboard.Cookie;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.HubServer;
import dev.switchboard.HubUser;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code test/integration/routes.test.mjs}, our client then the official one, against a hub with HTTP routes
 * beside it: a token route, and a before-handler on negotiate that sets a cookie or, asked to, refuses with 503.
 */
class RoutesIntegrationTest {

    /**
     * Who is calling, and the affinity cookie of the transport's request: by name, since the official client in Node
     * sends each cookie on WebSockets and Server-Sent Events with its attributes ({@code affinity=n1; Path=/;
     * HttpOnly}), as its tough-cookie jar prints them.
     */
    @Authorize
    public static class VisitHub extends Hub {
        @HubMethod
        public String visit() {
            String affinity = Arrays.stream(context().request().header("Cookie").split(";")).map(String::strip)
                    .filter(cookie -> cookie.startsWith("affinity=")).findFirst().orElse("none");
            return context().userIdentifier() + " " + affinity;
        }
    }

    private static final AtomicInteger NEGOTIATES = new AtomicInteger();
    private static HubServer server;

    @BeforeAll
    static void start() throws Exception {
        server = HubServer.builder()
                .port(0)
                .authenticator((request, token) -> token == null || !token.startsWith("token-") ? null
                        : HubUser.of(token.substring("token-".length())))
                .hub("/visit", VisitHub.class)
                .post("/token", ctx -> ctx.result("token-" + ctx.body()))
                .before("/visit/negotiate", ctx -> {
                    if (ctx.queryParam("closed") != null) {
                        ctx.status(503).result("Closed for maintenance").skipRemainingHandlers();
                    }
                    ctx.cookie(Cookie.of("affinity", "n" + NEGOTIATES.incrementAndGet()).withHttpOnly(true)
                            .withSameSite(Cookie.SameSite.LAX));
                })
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void ourClientUsesRoutesBesideTheHub() throws Exception {
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
                        "--test-concurrency=1", "--test-timeout=30000", "test/integration/routes.test.mjs"),
                Map.of("SWITCHBOARD_ROUTES_URL", "http://127.0.0.1:" + server.port(), "SWITCHBOARD_CLIENT", client),
                300));
    }
}
