package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.HttpSocket;
import dev.switchboard.testing.RawRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP framing per RFC 9112 over raw sockets: a request whose body cannot be told apart from what follows it is
 * refused with a reason and its connection closed, so that a request hidden in its body is never answered; a path
 * that cannot be decoded is 400 or 404, never 500, whichever handler serves the root. A {@link Bystander} is
 * served after every case.
 */
class HttpFramingTest {

    @TempDir
    static Path web;
    private static HubServer server;
    private static HubServer classpathSite;
    private static HubServer noSite;
    @RegisterExtension
    final Bystander.EachTest bystander = new Bystander.EachTest(() -> server, "/test");

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(web.resolve("hello.txt"), "hello from a folder");
        server = HubServer.builder().port(0).hub("/test", TestHub.class).staticFiles(web).build().start();
        classpathSite = HubServer.builder().port(0).hub("/test", TestHub.class).staticResources("static-site")
                .build().start();
        noSite = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
        classpathSite.close();
        noSite.close();
    }

    /** What a request hides in its body: served, it would be a second answer on the socket. */
    private static String smuggled(int port) {
        return "GET /hello.txt HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n";
    }

    private static String post(String framing, String body) {
        return "POST /test/negotiate?negotiateVersion=1 HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\n"
                + framing + "\r\n" + body;
    }

    /** Sends {@code request} and expects one refusal with a reason, then the end of the socket. */
    private static void assertRefused(String request, int status, String reason) throws Exception {
        try (HttpSocket socket = HttpSocket.open(server.port()).write(request)) {
            assertRefused(socket, status, reason);
        }
    }

    private static void assertRefused(HttpSocket socket, int status, String reason) throws Exception {
        RawRequest.Answer answer = socket.answer();
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(reason, answer.body());
        assertEquals("close", answer.header("Connection"));
        socket.assertClosedSilently();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
            "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
            "Content-Length: 100\r\nTransfer-Encoding: xchunked\r\n"})
    void bothContentLengthAndTransferEncodingAre400AndTheHiddenRequestIsNeverAnswered(String framing)
            throws Exception {
        String hidden = smuggled(server.port());
        assertRefused(post(framing, "0\r\n\r\n" + hidden), 400,
                "A request may not have both Content-Length and Transfer-Encoding.");
    }

    /** Read in pieces, the head is parsed from a buffer of several reads, where the dropped Content-Length is sought. */
    @Test
    void aSmuggledRequestIsRefusedEvenWhenItsHeadArrivesInPieces() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (HttpSocket socket = HttpSocket.open(server.port())) {
            socket.trickle(post("Content-Length: 4\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"
                    + smuggled(server.port())), 16, Duration.ofMillis(20), timer);
            assertRefused(socket, 400, "A request may not have both Content-Length and Transfer-Encoding.");
        } finally {
            timer.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xchunked", "gzip, chunked", "identity"})
    void aTransferCodingOtherThanChunkedIs501(String coding) throws Exception {
        String hidden = smuggled(server.port());
        assertRefused(post("Transfer-Encoding: " + coding + "\r\n", hidden), 501,
                "Only the chunked transfer coding is implemented.");
    }

    /**
     * Grizzly reads each of these as chunked, so each has a well-formed chunked body (a malformed one it would refuse
     * itself, with a bare 400).
     */
    @Test
    void chunkedNotLastOrTwiceOrInHttp10Is400AndAnotherCodingBeforeIt501() throws Exception {
        String end = "0\r\n\r\n";
        assertRefused(post("Transfer-Encoding: chunked, gzip\r\n", end), 400,
                "Transfer-Encoding must end with chunked.");
        assertRefused(post("Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n", end), 400,
                "Transfer-Encoding must end with chunked.");
        assertRefused(post("Transfer-Encoding: chunked, chunked\r\n", end), 400,
                "Transfer-Encoding must name chunked once.");
        assertRefused(post("Transfer-Encoding: chunked\r\n", end).replace("HTTP/1.1", "HTTP/1.0"), 400,
                "Transfer-Encoding needs HTTP/1.1.");
        assertRefused(post("Transfer-Encoding: x\r\nTransfer-Encoding: chunked\r\n", end), 501,
                "Only the chunked transfer coding is implemented.");
    }

    @Test
    void aChunkedBodyAloneIsServedAndTheConnectionKept() throws Exception {
        try (HttpSocket socket = HttpSocket.open(server.port())) {
            socket.write(post("Transfer-Encoding: chunked\r\n", "2\r\n{}\r\n0\r\n\r\n"));
            assertEquals(200, socket.answer().status());
            socket.write(smuggled(server.port()));
            RawRequest.Answer file = socket.answer();
            assertEquals(200, file.status());
            assertEquals("hello from a folder", file.body());
        }
    }

    @Test
    void aBrokenChunkedBodyIs400AndLogsOneLineWithoutAStackTrace() throws Exception {
        try (ServerFailures logs = new ServerFailures();
             HttpSocket socket = HttpSocket.open(server.port())) {
            socket.write(post("Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n"));
            assertEquals(400, socket.answer().status());
            Await.until(() -> !logs.logged.isEmpty(), "Grizzly to log the broken body");
            List<String> logged = List.copyOf(logs.logged);
            assertEquals(1, logged.size(), "lines logged: " + logged);
            assertTrue(logged.get(0).startsWith("JUL INFO org.glassfish.grizzly.filterchain.DefaultFilterChain: ")
                    && logged.get(0).contains("HttpBrokenContentException"), logged.get(0));
        }
    }

    static Stream<Arguments> badPaths() {
        List<String> paths = List.of("/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/",
                "/../../etc/passwd", "/a/../../hello.txt", "/%00", "/hello.txt%00.html", "/%c0%ae%c0%ae/",
                "/%c0%af", "/%zz", "/%", "/%e2%82", "/%ff%fe", "/..;/hello.txt", "/.%2e/hello.txt",
                "/test%2fnegotiate", "/switchboard/..%2f..%2fhello.txt", "//etc/passwd");
        return Stream.of("folder", "classpath", "none")
                .flatMap(site -> paths.stream().map(path -> Arguments.of(site, path)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badPaths")
    void aBadPathIs400Or404WhateverServesTheRoot(String site, String path) throws Exception {
        HubServer target = switch (site) {
            case "folder" -> server;
            case "classpath" -> classpathSite;
            default -> noSite;
        };
        RawRequest.Answer answer = RawRequest.send(target.port(), "GET", path);
        assertTrue(answer.status() == 400 || answer.status() == 404, path + ": " + answer);
    }

    @Test
    void aBadPathInAWebSocketUpgradeIs400() throws Exception {
        RawRequest.Answer answer = RawRequest.send(server.port(), "GET", "/test%zz", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
        assertEquals(400, answer.status(), answer.toString());
        assertEquals("The request path is not a valid path.", answer.body());
    }

    @Test
    void goodPathsAreStillServed() throws Exception {
        assertEquals("hello from a folder", RawRequest.send(server.port(), "GET", "/hello.txt").body());
        assertEquals("hello from a folder", RawRequest.send(server.port(), "GET", "/hello%2Etxt").body());
        assertEquals("hello from the classpath\n",
                RawRequest.send(classpathSite.port(), "GET", "/hello.txt").body());
    }
}
