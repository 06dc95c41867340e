package dev.switchboard.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * The load generator's WebSocket client in MessagePack against a fake hub in Tomcat that reads its records with a
 * plain Jackson {@code ObjectMapper} over MessagePack: the text handshake, then binary records both ways, the
 * handshake's answer sharing a binary message with a Ping as a server may send it.
 */
class MessagePackClientTest {

    private static final ObjectMapper MAPPER = new ObjectMapper(new MessagePackFactory());
    private static final long LIMIT_SECONDS = 30;

    private final BlockingQueue<List<?>> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> delivered = new LinkedBlockingQueue<>();
    private Tomcat tomcat;
    private String base;

    @BeforeEach
    void startFakeHub() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bench-fake-hub").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        // Tomcat runs its WebSocket filter only on a request some servlet maps.
        Tomcat.addServlet(context, "none", new HttpServlet() { });
        context.addServletMappingDecoded("/", "none");
        context.addServletContainerInitializer(new WsSci(), null);
        tomcat.start();
        ServerContainer container = (ServerContainer) context.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        container.addEndpoint(ServerEndpointConfig.Builder.create(FakeHub.class, "/chat")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(new FakeHub());
                    }
                }).build());
        base = "ws://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void joinsInvokesAndReadsTheStampOfABroadcast() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        WebSocketClient client = new WebSocketClient(http, base, Dialect.named(MessagePackDialect.NAME),
                delivered::add, () -> received.add(List.of("lost")));
        client.open("u1").get(LIMIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(Arrays.asList(1, Map.of(), "1", "join", List.of("u1")), next());

        client.send("send", "T7,123456789,xxxx");
        assertEquals(Arrays.asList(1, Map.of(), null, "send", List.of("T7,123456789,xxxx")), next());
        assertEquals(123456789L, delivered.poll(LIMIT_SECONDS, TimeUnit.SECONDS));

        client.keepAlive();
        assertEquals(List.of(6), next());
        client.close();
        assertTrue(received.isEmpty(), received.toString());
    }

    private List<?> next() throws InterruptedException {
        return received.poll(LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Answers the handshake with {@code {}} and a Ping in one binary message, completes every invocation with an id,
     * and broadcasts every {@code send} back as {@code message(nickname, text)}; what it reads goes to
     * {@link #received}.
     */
    final class FakeHub extends Endpoint {

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) handshake -> send(session,
                    concat("{}\u001e".getBytes(StandardCharsets.UTF_8), record(List.of(6)))));
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) message -> {
                while (message.hasRemaining()) {
                    int length = BinaryMessageFormat.length(message);
                    List<?> record = read(message, length);
                    received.add(record);
                    if (record.get(0).equals(1) && record.get(2) != null) {
                        send(session, record(List.of(3, Map.of(), record.get(2), 2)));
                    } else if (record.get(0).equals(1)) {
                        send(session, record(Arrays.asList(1, Map.of(), null, "message",
                                List.of("u1", ((List<?>) record.get(4)).get(0)), List.of())));
                    }
                }
            });
        }

        private List<?> read(ByteBuffer message, int length) {
            byte[] body = new byte[length];
            message.get(body);
            try {
                return MAPPER.readValue(body, List.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] record(List<?> array) {
            try {
                return BinaryMessageFormat.framed(MAPPER.writeValueAsBytes(array));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void send(Session session, byte[] message) {
            try {
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(message));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] concat(byte[] first, byte[] second) {
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(first);
            both.writeBytes(second);
            return both.toByteArray();
        }
    }
}
