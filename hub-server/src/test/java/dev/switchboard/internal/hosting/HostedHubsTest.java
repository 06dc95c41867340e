package dev.switchboard.internal.hosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import dev.switchboard.HubMethod;
import dev.switchboard.HubServer;
import dev.switchboard.spi.HubActivator;
import dev.switchboard.spi.HubContexts;
import dev.switchboard.spi.host.HostExchange;
import dev.switchboard.spi.host.HostSocket;
import dev.switchboard.spi.host.HostSocketListener;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.spi.host.Upgrade;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host SPI driven as a host drives it, with in-memory exchanges and sockets: negotiate, long polling, a
 * WebSocket, refusals, and hubs made by an activator other than Guice. The servlet containers' own tests are
 * hub-servlet's.
 */
class HostedHubsTest {

    private static final String RS = "\u001e";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A hub the activator below makes, with a service it was given. */
    public static final class GreetingHub extends Hub {
        private final String greeting;

        GreetingHub(String greeting) {
            this.greeting = greeting;
        }

        @HubMethod
        public String greet(String name) {
            return greeting + ", " + name;
        }
    }

    private HubContext<GreetingHub> context;
    private HubHost host;

    @BeforeEach
    void start() {
        context = HubContexts.create(GreetingHub.class, null);
        HubActivator activator = new HubActivator() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Supplier<T> provider(Class<T> type) {
                return () -> (T) new GreetingHub("Hello");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <H extends Hub> HubContext<H> hubContext(Class<H> hubType) {
                return (HubContext<H>) context;
            }
        };
        host = HubServer.builder().activator(activator).hub("/greet", GreetingHub.class).buildHost();
        host.start();
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void longPollingCallsAHubMadeByTheActivator() throws Exception {
        String token = negotiate();
        assertEquals(200, send("GET", "/greet", Map.of("id", token), null).status.get(10, TimeUnit.SECONDS));
        assertEquals(200, send("POST", "/greet", Map.of("id", token),
                "{\"protocol\":\"json\",\"version\":1}" + RS).status.get(10, TimeUnit.SECONDS));
        assertEquals("{}" + RS, send("GET", "/greet", Map.of("id", token), null).body());
        send("POST", "/greet", Map.of("id", token),
                "{\"type\":1,\"invocationId\":\"1\",\"target\":\"greet\",\"arguments\":[\"Ada\"]}" + RS);
        String completion = send("GET", "/greet", Map.of("id", token), null).body();
        assertEquals("Hello, Ada", JSON.readTree(completion.split(RS)[0]).get("result").asText());
        context.clients().all().send("news", "from a service");
        assertTrue(send("GET", "/greet", Map.of("id", token), null).body().contains("from a service"));
        assertEquals(202, send("DELETE", "/greet", Map.of("id", token), null).status.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aWebSocketCarriesTheConnection() throws Exception {
        String token = negotiate();
        Upgrade upgrade = host.upgrade(request("/greet", Map.of("id", token)));
        FakeSocket socket = new FakeSocket();
        HostSocketListener listener = assertInstanceOf(Upgrade.Admitted.class, upgrade).open(socket);
        listener.onMessage(utf8("{\"protocol\":\"json\",\"version\":1}" + RS));
        assertEquals("{}" + RS, socket.sent.poll(10, TimeUnit.SECONDS));
        listener.onMessage(utf8("{\"type\":1,\"invocationId\":\"7\",\"target\":\"greet\",\"arguments\":[\"Bo\"]}" + RS));
        String sent = socket.sent.poll(10, TimeUnit.SECONDS);
        JsonNode completion = JSON.readTree(sent.split(RS)[0]);
        assertNotNull(completion.get("result"), sent);
        assertEquals("Hello, Bo", completion.get("result").asText());
        assertEquals(409, ((Upgrade.Refused) host.upgrade(request("/greet", Map.of("id", token)))).status());
    }

    @Test
    void refusalsCarrySignalRStatuses() throws Exception {
        assertEquals(404, ((Upgrade.Refused) host.upgrade(request("/greet", Map.of("id", "nope")))).status());
        assertEquals(404, ((Upgrade.Refused) host.upgrade(request("/other", Map.of()))).status());
        assertEquals(404, send("GET", "/greet", Map.of("id", "nope"), null).status.get(10, TimeUnit.SECONDS));
        assertEquals(400, send("GET", "/greet", Map.of(), null).status.get(10, TimeUnit.SECONDS));
        assertEquals(405, send("GET", "/greet/negotiate", Map.of(), null).status.get(10, TimeUnit.SECONDS));
        assertEquals(404, send("POST", "/elsewhere", Map.of(), null).status.get(10, TimeUnit.SECONDS));
        assertNotNull(host.clientScript("switchboard.mjs"));
        assertNotNull(host.clientScript("switchboard-msgpack.min.js"));
        assertEquals(null, host.clientScript("../secret"));
    }

    @Test
    void whatTheHostServesItselfIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> HubServer.builder()
                .hub("/greet", GreetingHub.class).staticResources("public").buildHost());
        assertTrue(refused.getMessage().contains("the host's to serve"), refused.getMessage());
    }

    private String negotiate() throws Exception {
        FakeExchange negotiate = send("POST", "/greet/negotiate", Map.of("negotiateVersion", "1"), null);
        return JSON.readTree(negotiate.body()).get("connectionToken").asText();
    }

    private FakeExchange send(String method, String path, Map<String, String> query, String body) {
        FakeExchange exchange = new FakeExchange(method, request(path, query), body);
        host.handle(exchange);
        return exchange;
    }

    private static ConnectionRequest request(String path, Map<String, String> query) {
        Map<String, List<String>> parameters = new java.util.HashMap<>();
        query.forEach((name, value) -> parameters.put(name, List.of(value)));
        return new ConnectionRequest(path, parameters, Map.of(), "127.0.0.1");
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An exchange whose answer completes futures; held ones are answered when the hub host answers them. */
    private static final class FakeExchange implements HostExchange {
        final CompletableFuture<Integer> status = new CompletableFuture<>();
        final CompletableFuture<byte[]> content = new CompletableFuture<>();
        private final String method;
        private final ConnectionRequest request;
        private final String body;

        FakeExchange(String method, ConnectionRequest request, String body) {
            this.method = method;
            this.request = request;
            this.body = body;
        }

        String body() throws Exception {
            return new String(content.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public ConnectionRequest request() {
            return request;
        }

        @Override
        public void setHeader(String name, String value) {
        }

        @Override
        public void addHeader(String name, String value) {
        }

        @Override
        public void respond(int code, String contentType, byte[] bytes, Consumer<Throwable> written) {
            status.complete(code);
            content.complete(bytes);
            written.accept(null);
        }

        @Override
        public void readBody(int maxBytes, BodyReader reader) {
            reader.body(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void hold(long timeoutMillis, Runnable gone, Runnable timedOut) {
        }

        @Override
        public void beginStream(int code, String contentType, byte[] first) {
            status.complete(code);
        }

        @Override
        public void write(byte[] bytes, Consumer<Throwable> done) {
            done.accept(null);
        }

        @Override
        public void end() {
        }

        @Override
        public void abort() {
        }
    }

    private static final class FakeSocket implements HostSocket {
        final LinkedBlockingQueue<String> sent = new LinkedBlockingQueue<>();

        @Override
        public void sendText(String text, Consumer<Throwable> done) {
            sent.add(text);
            done.accept(null);
        }

        @Override
        public void sendBinary(ByteBuffer bytes, Consumer<Throwable> done) {
            sent.add(StandardCharsets.UTF_8.decode(bytes).toString());
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public void abort() {
        }
    }
}
