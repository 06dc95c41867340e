package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Before-handlers ahead of routes, negotiate, the bundled client, static content and the 404 page, over real
 * sockets: the headers and cookies they set reach each answer, one can refuse a request, their order and path
 * parameters, and what a failing one gets. The hub's transports pass none.
 */
class BeforeHandlersTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT).build();
    private final Queue<String> seen = new ConcurrentLinkedQueue<>();
    private HubServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HubServer.Builder builder() {
        return HubServer.builder().port(0).hub("/test", TestHub.class)
                .before(ctx -> {
                    seen.add("all " + ctx.method() + " " + ctx.path());
                    ctx.header("X-Before", "1").cookie(Cookie.of("visit", "yes").withHttpOnly(true));
                    if ("closed".equals(ctx.queryParam("mode"))) {
                        ctx.status(403).result("Closed for maintenance").skipRemainingHandlers();
                    }
                })
                .before("/tenants/{tenant}/*", ctx -> ctx.header("X-Tenant", ctx.pathParam("tenant")))
                .before("/boom", ctx -> {
                    throw new IllegalStateException("before broke");
                })
                .post("/tenants/{tenant}/items", ctx -> ctx.result(ctx.pathParam("tenant") + ":" + ctx.body()));
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + pathAndQuery))
                .timeout(Await.TIMEOUT).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertFiltered(HttpResponse<String> response) {
        assertEquals("1", response.headers().firstValue("X-Before").orElse(null), response.toString());
        assertEquals(List.of("visit=yes; Path=/; HttpOnly"), response.headers().allValues("Set-Cookie"));
    }

    @Test
    void negotiateCarriesTheCookieAndTheConnectionWorks() throws Exception {
        server = builder().build().start();
        HttpResponse<String> negotiate = send("POST", "/test/negotiate?negotiateVersion=1", "");
        assertEquals(200, negotiate.statusCode());
        assertTrue(negotiate.body().contains("\"connectionToken\""), negotiate.body());
        assertEquals("application/json", negotiate.headers().firstValue("Content-Type").orElseThrow());
        assertFiltered(negotiate);
        RawHttp raw = new RawHttp(server.port(), "/test");
        String token = raw.handshaken();
        assertEquals(202, raw.delete(token).statusCode());
        assertEquals(List.of("all POST /test/negotiate", "all POST /test/negotiate"), List.copyOf(seen),
                "the long polling transport passes no before-handler");
    }

    @Test
    void aBeforeHandlerRefusesWithItsStatus() throws Exception {
        server = builder().build().start();
        HttpResponse<String> refused = send("POST", "/test/negotiate?negotiateVersion=1&mode=closed", "");
        assertEquals(403, refused.statusCode());
        assertEquals("Closed for maintenance", refused.body());
        assertFiltered(refused);
        assertEquals(0, server.connectionCount());
        assertEquals(403, send("POST", "/tenants/acme/items?mode=closed", "x").statusCode());
        assertEquals(403, send("GET", "/nothing?mode=closed", null).statusCode());
    }

    @Test
    void beforeHandlersRunInOrderAheadOfRoutesWithPathParameters() throws Exception {
        server = builder().build().start();
        HttpResponse<String> item = send("POST", "/tenants/acme/items", "pen");
        assertEquals("acme:pen", item.body(), "the body is read once for both");
        assertEquals("acme", item.headers().firstValue("X-Tenant").orElseThrow());
        assertFiltered(item);
        assertEquals(List.of("all POST /tenants/acme/items"), List.copyOf(seen));
        HttpResponse<String> missing = send("GET", "/nothing", null);
        assertEquals(404, missing.statusCode());
        assertFiltered(missing);
        HttpResponse<String> script = send("GET", "/switchboard/switchboard.min.js", null);
        assertEquals(200, script.statusCode());
        assertFiltered(script);
    }

    @Test
    void aFailingBeforeHandlerIsA500() throws Exception {
        server = builder().build().start();
        HttpResponse<String> failed = send("GET", "/boom", null);
        assertEquals(500, failed.statusCode());
        assertEquals("Internal Server Error", failed.body());
    }

    @Test
    void staticContentIsFilteredAndStillServed() throws Exception {
        server = builder().staticResources("static-site").build().start();
        HttpResponse<String> file = send("GET", "/hello.txt", null);
        assertEquals(200, file.statusCode());
        assertEquals("hello from the classpath", file.body().strip());
        assertFiltered(file);
        server.close();
        server = builder().staticFiles(Path.of("src/test/resources/static-site")).build().start();
        HttpResponse<String> fromDirectory = send("GET", "/hello.txt", null);
        assertEquals(200, fromDirectory.statusCode());
        assertEquals(file.body(), fromDirectory.body());
        assertFiltered(fromDirectory);
    }
}
