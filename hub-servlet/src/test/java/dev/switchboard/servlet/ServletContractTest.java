package dev.switchboard.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HttpHubConnectionBuilder;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubException;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.servlet.ServletContainer.Kind;
import dev.switchboard.testing.Await;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hub contract the embedded server passes, on Jetty 12 (hubs found by the container initializer) and Tomcat 11
 * (hubs registered with {@link HubServlets#register}), with the official Java client over WebSockets and long
 * polling: calls, errors, filters, groups, users, streams both ways, client results and authentication.
 */
class ServletContractTest {

    private static final Map<Kind, ServletContainer> containers = new EnumMap<>(Kind.class);
    private final List<HubConnection> connections = new ArrayList<>();

    @BeforeAll
    static void startContainers() throws Exception {
        // Both ways of registering: the container initializer on Jetty, HubServlets.register on Tomcat.
        for (Kind kind : ServletContainer.available()) {
            containers.put(kind, kind == Kind.JETTY
                    ? ServletContainer.withInitializers(kind, ContractHubs.class)
                    : ServletContainer.programmatic(kind, ContractHubs::apply));
        }
    }

    @AfterAll
    static void stopContainers() throws Exception {
        for (ServletContainer container : containers.values()) {
            container.close();
        }
    }

    @AfterEach
    void stopClients() {
        for (HubConnection connection : connections) {
            try {
                connection.stop().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // already ended by the test
            }
        }
    }

    static Stream<Arguments> cases() {
        return ServletContainer.available().stream().flatMap(kind -> Stream.of(TransportEnum.WEBSOCKETS, TransportEnum.LONG_POLLING)
                .map(transport -> Arguments.of(kind, transport)));
    }

    private HubConnection build(Kind kind, TransportEnum transport, String path,
                                UnaryOperator<HttpHubConnectionBuilder> options) {
        HttpHubConnectionBuilder builder = HubConnectionBuilder
                .create("http://127.0.0.1:" + containers.get(kind).port() + path)
                .withTransport(transport);
        HubConnection connection = options.apply(builder).build();
        connections.add(connection);
        return connection;
    }

    private HubConnection connect(Kind kind, TransportEnum transport, String path) {
        return connect(kind, transport, path, UnaryOperator.identity());
    }

    private HubConnection connect(Kind kind, TransportEnum transport, String path,
                                  UnaryOperator<HttpHubConnectionBuilder> options) {
        HubConnection connection = build(kind, transport, path, options);
        connection.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return connection;
    }

    private static UnaryOperator<HttpHubConnectionBuilder> token(String token) {
        return builder -> builder.withAccessTokenProvider(Single.defer(() -> Single.just(token)));
    }

    private static <T> T await(Single<T> single) {
        return single.timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void callsErrorsAndFilters(Kind kind, TransportEnum transport) {
        HubConnection client = connect(kind, transport, "/test");
        assertEquals(5, await(client.invoke(Integer.class, "add", 2, 3)));
        assertEquals("héllo ✓", await(client.invoke(String.class, "echo", "héllo ✓")));
        HubException error = assertThrows(HubException.class,
                () -> await(client.invoke(String.class, "fail", "it broke")));
        assertTrue(error.getMessage().contains("it broke"), error.getMessage());
        HubException blocked = assertThrows(HubException.class,
                () -> await(client.invoke(String.class, "echo", "blocked")));
        assertTrue(blocked.getMessage().contains("blocked by a filter"), blocked.getMessage());
        String used = await(client.invoke(String.class, "transport")).replace("_", "").toLowerCase();
        assertEquals(transport == TransportEnum.WEBSOCKETS ? "websockets" : "longpolling", used);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void groups(Kind kind, TransportEnum transport) throws Exception {
        HubConnection member = connect(kind, transport, "/test");
        HubConnection outsider = connect(kind, transport, "/test");
        BlockingQueue<String> memberInbox = inbox(member);
        BlockingQueue<String> outsiderInbox = inbox(outsider);
        done(member.invoke("joinGroup", "room"));
        done(outsider.invoke("toGroup", "room", "to the room"));
        assertEquals("to the room", memberInbox.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        done(outsider.invoke("toCaller", "marker"));
        assertEquals("marker", outsiderInbox.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        done(member.invoke("leaveGroup", "room"));
        done(outsider.invoke("toGroup", "room", "nobody hears"));
        done(member.invoke("toCaller", "after"));
        assertEquals("after", memberInbox.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void usersAndAuthentication(Kind kind, TransportEnum transport) throws Exception {
        HubConnection alice = connect(kind, transport, "/secure", token("alice:admin"));
        HubConnection bob = connect(kind, transport, "/secure", token("bob"));
        assertEquals("alice [admin]", await(alice.invoke(String.class, "whoAmI")));
        assertEquals("secret", await(alice.invoke(String.class, "adminOnly")));
        assertThrows(HubException.class, () -> await(bob.invoke(String.class, "adminOnly")));
        BlockingQueue<String> bobInbox = inbox(bob);
        done(alice.invoke("tellUser", "bob", "hi bob"));
        assertEquals("hi bob", bobInbox.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));

        HubConnection anonymous = build(kind, transport, "/secure", UnaryOperator.identity());
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> anonymous.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(negotiateRefusal(kind, 401, "Unauthorized"), refused.getMessage());
        HubConnection forged = build(kind, transport, "/secure", token(ContractHubs.REFUSED_TOKEN));
        RuntimeException invalid = assertThrows(RuntimeException.class,
                () -> forged.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(negotiateRefusal(kind, 401, "Unauthorized"), invalid.getMessage());
    }

    /**
     * What the official Java client reports for a refused negotiate: the status line's reason phrase, as for ASP.NET
     * Core; Tomcat sends none (the JavaScript client reads the body then, which is the phrase).
     */
    private static String negotiateRefusal(Kind kind, int status, String reason) {
        return "Unexpected status code returned from negotiate: " + status + " "
                + (kind == Kind.TOMCAT ? "" : reason) + ".";
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void namedPoliciesAndHubPathsInAnyCase(Kind kind, TransportEnum transport) {
        HubConnection editor = connect(kind, transport, "/Policy", token("ed::department=news"));
        HubConnection reader = connect(kind, transport, "/POLICY", token("bob:admin"));
        assertEquals("published it", await(editor.invoke(String.class, "publish", "it")));
        assertEquals("Failed to invoke 'publish' because user is unauthorized", assertThrows(HubException.class,
                () -> await(reader.invoke(String.class, "publish", "it"))).getMessage());
        assertEquals("ed", await(connect(kind, transport, "/EDITORS", token("ed::department=news"))
                .invoke(String.class, "whoAmI")));
        HubConnection outsider = build(kind, transport, "/editors", token("bob:admin"));
        RuntimeException forbidden = assertThrows(RuntimeException.class,
                () -> outsider.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(negotiateRefusal(kind, 403, "Forbidden"), forbidden.getMessage());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void streamsBothWays(Kind kind, TransportEnum transport) {
        HubConnection client = connect(kind, transport, "/test");
        List<Integer> counted = client.stream(Integer.class, "counter", 5, 0).toList()
                .timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet();
        assertEquals(5, counted.size());
        if (transport == TransportEnum.LONG_POLLING) {
            // The Java client posts each stream item as a request of its own, several at once, so the server may
            // see an item before the invocation, or items out of order, on any server: uploads over long polling
            // are the JavaScript client's part (ServletNodeClientTest), which posts one message at a time.
            return;
        }
        HubConnection uploader = connect(kind, transport, "/upload");
        assertEquals(5050, await(uploader.invoke(Integer.class, "sum", Observable.range(1, 100))));
        assertEquals(List.of("A", "B", "C"), uploader.stream(String.class, "upper", Observable.just("a", "b", "c"))
                .toList().timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void clientResults(Kind kind, TransportEnum transport) {
        HubConnection client = build(kind, transport, "/results", UnaryOperator.identity());
        client.onWithResult("length", (String text) -> Single.just(text.length()), String.class);
        client.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(6, await(client.invoke(Integer.class, "askCaller", "hello")));
    }

    private static void done(io.reactivex.rxjava3.core.Completable call) {
        call.blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    static Stream<Kind> kinds() {
        return ServletContainer.available().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void refusedUpgradesAreRealHttpAnswers(Kind kind) {
        String base = "ws://127.0.0.1:" + containers.get(kind).port();
        assertEquals(401, refusedUpgrade(URI.create(base + "/secure")));
        assertEquals(401, refusedUpgrade(URI.create(base + "/secure?access_token=" + ContractHubs.REFUSED_TOKEN)));
        assertEquals(401, refusedUpgrade(URI.create(base + "/Secure")));
        assertEquals(404, refusedUpgrade(URI.create(base + "/test?id=no-such-connection")));
    }

    private static int refusedUpgrade(URI uri) {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> RawWebSocket.connect(uri));
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    @Test
    void theEmbeddedServerStaysOffTheClassPath() {
        // buildHost() needs neither Grizzly nor Tyrus: the container does HTTP and WebSockets.
        for (String name : List.of("org.glassfish.grizzly.http.server.HttpServer",
                "org.glassfish.tyrus.server.TyrusServerContainer")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name));
        }
    }

    @Test
    void theContainerInitializerIsListedForTheContainersScan() {
        assertTrue(java.util.ServiceLoader.load(jakarta.servlet.ServletContainerInitializer.class).stream()
                .anyMatch(provider -> provider.type() == SwitchboardContainerInitializer.class));
        assertEquals(List.of(HubInitializer.class), List.of(SwitchboardContainerInitializer.class
                .getAnnotation(jakarta.servlet.annotation.HandlesTypes.class).value()));
    }

    private static BlockingQueue<String> inbox(HubConnection connection) {
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        connection.on("msg", inbox::add, String.class);
        return inbox;
    }
}
