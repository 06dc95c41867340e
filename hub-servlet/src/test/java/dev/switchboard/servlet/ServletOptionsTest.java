package dev.switchboard.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.HubOptions;
import dev.switchboard.Transport;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.servlet.ServletContainer.Kind;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builder's options work in a container as on the embedded server: allowed origins (CORS on negotiate, a
 * preflight, a refusal), a hub's transports, and the largest message a WebSocket takes (the container's session
 * buffers are set from it).
 */
class ServletOptionsTest {

    private static final String APP = "https://app.example.com";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT).build();

    static Stream<Kind> containers() {
        return ServletContainer.available().stream();
    }

    @ParameterizedTest
    @MethodSource("containers")
    void originsTransportsAndMessageSize(Kind kind) throws Exception {
        try (ServletContainer container = ServletContainer.programmatic(kind, hubs -> hubs
                .allowedOrigins(APP)
                .hub("/test", TestHub.class, HubOptions.defaults().withMaximumReceiveMessageSize(4096))
                .hub("/polling", TestHub.class, HubOptions.defaults().withTransports(Transport.LONG_POLLING)))) {
            String base = "http://127.0.0.1:" + container.port();

            HttpResponse<String> listed = negotiate(base + "/test", APP);
            assertEquals(200, listed.statusCode(), listed.body());
            assertEquals(APP, listed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertEquals(403, negotiate(base + "/test", "https://elsewhere.example").statusCode());
            HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(
                            URI.create(base + "/test/negotiate?negotiateVersion=1"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", APP).header("Access-Control-Request-Method", "POST").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(preflight.statusCode() / 100 == 2, "preflight: " + preflight.statusCode());
            assertEquals(APP, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

            // A hub for long polling only offers no WebSockets and refuses an upgrade with a real status.
            String offered = negotiate(base + "/polling", null).body();
            assertTrue(offered.contains("LongPolling") && !offered.contains("WebSockets"), offered);
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> RawWebSocket.connect(URI.create("ws://127.0.0.1:" + container.port() + "/polling")));
            int status = ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
            assertTrue(status >= 400, "refused with " + status);

            // permessage-deflate is declined, as on the embedded server: it would compress every broadcast per socket.
            String opened = upgradeHead(container.port(), "/test", "permessage-deflate; client_max_window_bits");
            assertTrue(opened.startsWith("HTTP/1.1 101"), opened);
            assertFalse(opened.toLowerCase(Locale.ROOT).contains("sec-websocket-extensions"), opened);

            // A message over the hub's limit ends the WebSocket; one under it is answered.
            HubConnection client = HubConnectionBuilder.create(base + "/test").withTransport(TransportEnum.WEBSOCKETS)
                    .build();
            BlockingQueue<String> closed = new LinkedBlockingQueue<>();
            client.onClosed(error -> closed.add(error == null ? "clean" : "error"));
            client.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("x".repeat(1000), client.invoke(String.class, "echo", "x".repeat(1000))
                    .timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet());
            client.send("echo", "x".repeat(8000));
            assertNotNull(Await.next(closed, "the oversized message to end the connection"));
        }
    }

    /** The head of the answer to a WebSocket upgrade that offers {@code extensions}. */
    private static String upgradeHead(int port, String path, String extensions) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Extensions: " + extensions
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            InputStream in = socket.getInputStream();
            while (head.indexOf("\r\n\r\n") < 0) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                head.append((char) next);
            }
            return head.toString();
        }
    }

    private static HttpResponse<String> negotiate(String hub, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub + "/negotiate?negotiateVersion=1"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
