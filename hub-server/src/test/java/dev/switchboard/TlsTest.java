package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.internal.protocol.HubProtocols;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.HttpSocket;
import dev.switchboard.testing.RawWebSocket;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https and wss from a PKCS#12 keystore made at test time with the JDK's keytool. */
class TlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path folder;
    private static Path keystore;
    private static SSLContext trusting;
    private static X509TrustManager trustManager;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = folder.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "switchboard", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        trustManager = (X509TrustManager) trust.getTrustManagers()[0];
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trust.getTrustManagers(), null);
    }

    private static HubServer start() throws Exception {
        return HubServer.builder().port(0).hub("/test", TestHub.class).tls(keystore, PASSWORD).build().start();
    }

    @Test
    void negotiateOverHttpsAndHubCallsOverWss() throws Exception {
        try (HubServer server = start()) {
            HttpClient http = HttpClient.newBuilder().sslContext(trusting).version(HttpClient.Version.HTTP_1_1)
                    .build();
            HttpResponse<String> negotiate = http.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + server.port() + "/test/negotiate?negotiateVersion=1")).timeout(Await.TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, negotiate.statusCode());
            try (RawWebSocket client = RawWebSocket.connect(http,
                    URI.create("wss://localhost:" + server.port() + "/test"))) {
                client.sendText(RawWebSocket.JSON_HANDSHAKE
                        + "{\"type\":1,\"invocationId\":\"1\",\"target\":\"add\",\"arguments\":[20,22]}"
                        + RawWebSocket.RS);
                assertEquals("{}", client.next());
                assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":42}", client.next());
            }
        }
    }

    /** The frame guard reads what TLS decrypted: pings, the message bound and the closing handshake work over wss. */
    @Test
    void theFrameGuardReadsWssAsItReadsWs() throws Exception {
        try (HubServer server = start()) {
            HttpClient http = HttpClient.newBuilder().sslContext(trusting).version(HttpClient.Version.HTTP_1_1)
                    .build();
            URI hub = URI.create("wss://localhost:" + server.port() + "/test");
            try (RawWebSocket client = RawWebSocket.connect(http, hub)) {
                client.sendText(RawWebSocket.JSON_HANDSHAKE);
                assertEquals("{}", client.next());
                client.sendPing(new byte[] {4, 2});
                assertEquals(ByteBuffer.wrap(new byte[] {4, 2}), Await.next(client.pongs, "the pong"));
                client.sendText("x".repeat(HubOptions.defaults().maximumReceiveMessageSize()
                        + HubProtocols.MAX_FRAMING_BYTES + 1));
                assertEquals(1009, client.awaitClose());
            }
            try (RawWebSocket client = RawWebSocket.connect(http, hub)) {
                client.sendText("{\"protocol\":\"xml\",\"version\":1}" + RawWebSocket.RS);
                assertEquals("{\"error\":\"The protocol 'xml' is not supported.\"}", client.next());
                assertEquals(1000, client.awaitClose());
            }
        }
    }

    @Test
    void theOfficialJavaClientConnectsOverTls() throws Exception {
        try (HubServer server = start()) {
            HubConnection client = HubConnectionBuilder.create("https://localhost:" + server.port() + "/test")
                    .setHttpClientBuilderCallback(builder -> builder.sslSocketFactory(trusting.getSocketFactory(),
                            trustManager))
                    .build();
            client.start().blockingAwait(10, TimeUnit.SECONDS);
            assertEquals(42, client.invoke(Integer.class, "add", 40, 2).timeout(10, TimeUnit.SECONDS).blockingGet());
            client.stop().blockingAwait(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void longPollingWorksOverHttps() throws Exception {
        try (HubServer server = start()) {
            HubConnection client = HubConnectionBuilder.create("https://localhost:" + server.port() + "/test")
                    .withTransport(TransportEnum.LONG_POLLING)
                    .setHttpClientBuilderCallback(builder -> builder.sslSocketFactory(trusting.getSocketFactory(),
                            trustManager))
                    .build();
            client.start().blockingAwait(10, TimeUnit.SECONDS);
            assertEquals("LONG_POLLING", client.invoke(String.class, "transport").timeout(10, TimeUnit.SECONDS)
                    .blockingGet());
            assertEquals(42, client.invoke(Integer.class, "add", 40, 2).timeout(10, TimeUnit.SECONDS).blockingGet());
            assertTrue(client.stop().blockingAwait(10, TimeUnit.SECONDS));
        }
    }

    /**
     * The HTTP timeouts of {@link HttpTimeoutsTest} over TLS: the head clock starts with the handshake, which must
     * end within it (no answer can reach a client mid-handshake), and the keep-alive clock once it has.
     */
    @Test
    void theHttpTimeoutsHoldOverTls() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).tls(keystore, PASSWORD)
                .limits(HttpTimeoutsTest.LIMITS).build().start();
             HttpSocket idle = HttpSocket.open(server.port(), trusting);
             HttpSocket slowloris = HttpSocket.open(server.port(), trusting);
             HttpSocket halfHello = HttpSocket.open(server.port())) {
            long start = System.nanoTime();
            slowloris.trickle(HttpTimeoutsTest.head(server.port(), "GET /test/negotiate", "X-Padding: "
                    + "x".repeat(100) + "\r\n"), 1, Duration.ofMillis(500), timer);
            // A TLS record header that promises a ClientHello which never comes.
            halfHello.write("\u0016\u0003\u0001\u0001\u0000");
            HttpTimeoutsTest.assertTimedOut(slowloris, "The request head did not arrive whole within 2 s.");
            halfHello.assertClosedSilently();
            HttpTimeoutsTest.assertNotBefore(HttpTimeoutsTest.HEAD, start, "cut");
            idle.assertClosedSilently();
            HttpTimeoutsTest.assertNotBefore(HttpTimeoutsTest.KEEP_ALIVE, start, "the idle socket was closed");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aWrongPasswordOrMissingKeystoreFailsAtStartUp() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().port(0).tls(keystore, "not-the-password").build());
        assertTrue(wrong.getMessage().startsWith("Cannot use keystore"), wrong.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().port(0).tls(folder.resolve("absent.p12"), PASSWORD).build());
        assertTrue(missing.getMessage().startsWith("Keystore not found"), missing.getMessage());
    }
}
