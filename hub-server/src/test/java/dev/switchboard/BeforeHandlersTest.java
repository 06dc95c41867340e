package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawHttp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void pathsGrizzlyWouldNormaliseAreRefusedAheadOfTheGuardedHandler(@TempDir Path site) throws Exception {
        Files.createDirectories(site.resolve("private"));
        Files.writeString(site.resolve("private/a.txt"), "secret");
        server = HubServer.builder().port(0).hub("/test", TestHub.class).staticFiles(site)
                .before("/test/negotiate", ctx -> ctx.status(403).result("guarded").skipRemainingHandlers())
                .before("/private/*", ctx -> ctx.status(403).result("guarded").skipRemainingHandlers())
                .build().start();
        assertTrue(raw("POST", "/test/negotiate?negotiateVersion=1").startsWith("HTTP/1.1 403"));
        assertTrue(raw("GET", "/private/a.txt").startsWith("HTTP/1.1 403"));
        for (String path : List.of("//test/negotiate", "/x/../test/negotiate", "/./test/negotiate",
                "/%2e/test/negotiate", "/%2E%2E/test/negotiate", "/test//negotiate")) {
            String answer = raw("POST", path + "?negotiateVersion=1");
            assertTrue(answer.startsWith("HTTP/1.1 400") && !answer.contains("connectionToken"), path + ": " + answer);
        }
        for (String path : List.of("/./private/a.txt", "//private/a.txt", "/private/./a.txt", "/x/../private/a.txt")) {
            String answer = raw("GET", path);
            assertTrue(answer.startsWith("HTTP/1.1 400") && !answer.contains("secret"), path + ": " + answer);
        }
        assertEquals(0, server.connectionCount());
    }

    /** Sends a request whose target no HTTP client would leave as it is, and returns the whole answer. */
    private String raw(String method, String target) throws Exception {
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
