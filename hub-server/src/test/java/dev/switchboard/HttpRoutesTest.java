package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.HttpSocket;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.RawRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP routes beside a hub on the embedded server, over real sockets: methods, path and query parameters,
 * headers, cookies, bodies and their limit, JSON through the server's mapper, a handler's failure, blocking
 * handlers, and the start-up errors of routes that would shadow a hub. Before-handlers are in
 * {@link BeforeHandlersTest}.
 */
class HttpRoutesTest {

    record User(String id, String name) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT).build();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(1);
    private HubServer server;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class)
                .limits(ServerLimits.defaults().withMaxRequestBodySize(1000))
                .get("/hello", ctx -> ctx.result("hello on " + Thread.currentThread().getName()))
                .get("/users/{id}", ctx -> ctx.json(new User(ctx.pathParam("id"), ctx.queryParam("name"))))
                .get("/users/{id}/files/*", ctx -> ctx.result(ctx.pathParamMap() + " " + ctx.path()))
                .get("/query", ctx -> ctx.result(ctx.queryParams("tag") + " " + ctx.queryParam("none")))
                .get("/headers", ctx -> ctx.header("X-Echo", ctx.header("X-Asked")).status(202).result("seen"))
                .post("/echo", ctx -> ctx.contentType("text/x-echo").result(ctx.method() + " " + ctx.body()))
                .post("/bytes", ctx -> ctx.result(ctx.bodyAsBytes()))
                .post("/users", ctx -> ctx.status(201).json(ctx.bodyAsClass(User.class)))
                .put("/users/{id}", ctx -> ctx.result("put " + ctx.pathParam("id")))
                .delete("/users/{id}", ctx -> ctx.status(204))
                .get("/cookies", ctx -> ctx.result(ctx.cookieMap().toString())
                        .cookie("plain", "1")
                        .cookie(Cookie.of("session", "abc").withPath("/app").withHttpOnly(true).withSecure(true)
                                .withSameSite(Cookie.SameSite.STRICT).withMaxAge(Duration.ofHours(1)))
                        .removeCookie("old"))
                .get("/inject", ctx -> ctx.header("X-Split", "a\r\nSet-Cookie: evil=1"))
                .get("/fail", ctx -> {
                    ctx.header("X-Half", "done");
                    throw new IllegalStateException("route broke");
                })
                .get("/block", ctx -> {
                    blocked.countDown();
                    ctx.result(Boolean.toString(release.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
                })
                .build().start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Await.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + pathAndQuery));
    }

    @Test
    void routesAnswerOnThreadsOfTheirOwnBesideTheHub() throws Exception {
        HttpResponse<String> hello = send(request("/hello"));
        assertEquals(200, hello.statusCode());
        assertEquals("text/plain;charset=utf-8", hello.headers().firstValue("Content-Type").orElseThrow()
                .replace(" ", ""));
        assertTrue(hello.body().startsWith("hello on switchboard-http-"), hello.body());
        assertEquals(200, send(request("/hello/")).statusCode(), "a trailing slash is ignored");
        assertEquals(200, send(request("/test/negotiate?negotiateVersion=1")
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void pathAndQueryParameters() throws Exception {
        HttpResponse<String> user = send(request("/users/a%20b?name=J%C3%BCrgen"));
        assertEquals("application/json", user.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"id\":\"a b\",\"name\":\"Jürgen\"}", user.body());
        assertEquals("{id=7} /users/7/files/x/y.txt", send(request("/users/7/files/x/y.txt")).body());
        assertEquals("[a, b] null", send(request("/query?tag=a&tag=b")).body());
    }

    @Test
    void methodsAndBodies() throws Exception {
        HttpResponse<String> echo = send(request("/echo").POST(HttpRequest.BodyPublishers.ofString("héllo"))
                .header("Content-Type", "text/plain; charset=utf-8"));
        assertEquals("POST héllo", echo.body());
        assertEquals("text/x-echo", echo.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<byte[]> bytes = http.send(request("/bytes").timeout(Await.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, -1, 2})).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("[0, -1, 2]", Arrays.toString(bytes.body()));
        assertEquals("application/octet-stream", bytes.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> created = send(request("/users")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ID\":\"9\",\"name\":\"Ann\"}")));
        assertEquals(201, created.statusCode());
        assertEquals("{\"id\":\"9\",\"name\":\"Ann\"}", created.body(), "read and written with the server's mapper");
        assertEquals("put 3", send(request("/users/3").PUT(HttpRequest.BodyPublishers.ofString("x"))).body());
        assertEquals(204, send(request("/users/3").DELETE()).statusCode());
    }

    @Test
    void headersAndStatus() throws Exception {
        HttpResponse<String> response = send(request("/headers").header("X-Asked", "yes"));
        assertEquals(202, response.statusCode());
        assertEquals("yes", response.headers().firstValue("X-Echo").orElseThrow());
    }

    @Test
    void cookiesAreReadAndSetWithTheirAttributes() throws Exception {
        HttpResponse<String> response = send(request("/cookies").header("Cookie", "a=1; b=two"));
        assertEquals("{a=1, b=two}", response.body());
        assertEquals(List.of("plain=1; Path=/",
                "session=abc; Path=/app; Max-Age=3600; Secure; HttpOnly; SameSite=Strict",
                "old=; Path=/; Max-Age=0"), response.headers().allValues("Set-Cookie"));
    }

    @Test
    void misuseIsAnsweredWithItsStatus() throws Exception {
        HttpResponse<String> wrongMethod = send(request("/hello").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElseThrow());
        assertEquals(404, send(request("/nothing")).statusCode(), "an unknown path is today's 404");
        assertEquals("Nothing is served at /nothing", send(request("/nothing")).body());
        assertEquals(400, send(request("/users").POST(HttpRequest.BodyPublishers.ofString("[1,"))).statusCode());
        assertEquals(403, send(request("/hello").header("Origin", "https://elsewhere.example")).statusCode(),
                "foreign origins are refused as on the hubs");
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        assertEquals(413, send(request("/echo").POST(HttpRequest.BodyPublishers.ofString("x".repeat(1001))))
                .statusCode());
        assertEquals("POST " + "x".repeat(1000),
                send(request("/echo").POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000)))).body());
        try (HttpSocket socket = HttpSocket.open(server.port())) {
            String chunk = Integer.toHexString(600) + "\r\n" + "y".repeat(600) + "\r\n";
            socket.write("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunk + chunk);
            assertEquals(413, socket.answer().status(), "a chunked body is counted as it arrives");
        }
    }

    @Test
    void aFailingHandlerIsA500WithAGenericBodyAndItsStackTraceLogged() throws Exception {
        try (LogCapture log = new LogCapture()) {
            HttpResponse<String> response = send(request("/fail"));
            assertEquals(500, response.statusCode());
            assertEquals("Internal Server Error", response.body());
            assertTrue(response.headers().firstValue("X-Half").isEmpty(), "what it had set is not sent");
            Await.until(() -> log.text().contains("java.lang.IllegalStateException: route broke"), "the trace");
            assertTrue(log.text().contains("The HTTP handler of GET /fail failed"), log.text());
        }
        assertEquals(200, send(request("/hello")).statusCode());
        HttpResponse<String> injected = send(request("/inject"));
        assertEquals(500, injected.statusCode(), "a header with a line break is refused");
        assertTrue(injected.headers().allValues("Set-Cookie").isEmpty());
    }

    @Test
    void aBlockingHandlerHoldsNoOtherRequest() throws Exception {
        CompletableFuture<HttpResponse<String>> held = http.sendAsync(
                request("/block").timeout(Await.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(blocked.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(200, RawRequest.send(server.port(), "GET", "/hello").status());
        assertEquals(200, RawRequest.post(server.port(), "/test/negotiate?negotiateVersion=1", "").status());
        release.countDown();
        assertEquals("true", held.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).body());
    }

    @Test
    void pastItsQueueThePoolAnswers503() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        try (HubServer small = HubServer.builder().port(0).hubThreads(1)
                .get("/held", ctx -> ctx.result(Boolean.toString(held.await(Await.TIMEOUT.toSeconds(),
                        TimeUnit.SECONDS))))
                .build().start()) {
            // One running and 64 waiting: of 66, exactly one is refused, at once.
            List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
            for (int i = 0; i < 66; i++) {
                requests.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + small.port()
                        + "/held")).timeout(Await.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Await.until(() -> requests.stream().anyMatch(CompletableFuture::isDone), "a refusal");
            held.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> request : requests) {
                statuses.add(request.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode());
            }
            assertEquals(1, statuses.stream().filter(status -> status == 503).count(), statuses.toString());
            assertEquals(65, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        }
    }

    @Test
    void routesThatWouldShadowAHubOrTheClientFailTheBuild() {
        for (String path : List.of("/test", "/TEST", "/test/negotiate", "/{any}", "/{hub}/negotiate", "/*",
                "/switchboard/*")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HubServer.builder().hub("/test", TestHub.class).get(path, ctx -> { }).build(), path);
            assertTrue(e.getMessage().startsWith("HTTP route GET " + path + " cannot be mapped"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> HubServer.builder().get("/a", ctx -> { })
                .get("/a/", ctx -> { }), "the same path twice");
        for (String bad : List.of("a", "/a?b", "/a/*/b", "/a{b}", "/{a}/{a}")) {
            assertThrows(IllegalArgumentException.class, () -> HubServer.builder().get(bad, ctx -> { }), bad);
        }
        IllegalArgumentException hosted = assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().hub("/test", TestHub.class).post("/token", ctx -> { }).buildHost());
        assertTrue(hosted.getMessage().startsWith("HTTP routes and before-handlers are the host's"));
    }
}
