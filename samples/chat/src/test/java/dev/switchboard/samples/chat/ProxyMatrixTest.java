package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.HubServer;
import dev.switchboard.testing.Nginx;
import dev.switchboard.testing.NodeContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chat contract with both official clients, directly and through a real nginx: one that strips the
 * WebSocket upgrade (clients with default options must fall back) and one that forwards it. Each case
 * asserts which transport the client ended up on.
 */
class ProxyMatrixTest {

    enum Route { DIRECT, STRIPPED, FORWARDED }

    @TempDir
    Path folder;

    /** Runs {@code check} against a fresh chat server, reached by {@code route}, at the chat hub's URL. */
    private void through(Route route, ThrowingConsumer<String> check) throws Exception {
        try (HubServer server = ChatServer.create(0).start()) {
            if (route == Route.DIRECT) {
                check.accept("http://localhost:" + server.port() + "/chat");
                return;
            }
            Nginx.Upgrade upgrade = route == Route.STRIPPED ? Nginx.Upgrade.STRIPPED : Nginx.Upgrade.FORWARDED;
            try (Nginx nginx = Nginx.start(server.port(), upgrade, folder)) {
                check.accept("http://localhost:" + nginx.port() + "/chat");
            }
        }
    }

    @ParameterizedTest(name = "JavaScript client, {0}, {1} -> {2}")
    @CsvSource({
        "DIRECT, default, WebSockets",
        "DIRECT, ServerSentEvents, ServerSentEvents",
        "DIRECT, LongPolling, LongPolling",
        "STRIPPED, default, ServerSentEvents",
        "STRIPPED, LongPolling, LongPolling",
        "FORWARDED, default, WebSockets",
        "FORWARDED, ServerSentEvents, ServerSentEvents",
        "FORWARDED, LongPolling, LongPolling",
    })
    void theJavaScriptClientPassesTheChatContract(Route route, String transport, String expected) throws Exception {
        through(route, url -> assertEquals("chat contract passed on " + expected,
                NodeContract.run("chat-contract.mjs", url, transport, expected)));
    }

    @ParameterizedTest(name = "Java client, {0}, {1}")
    @CsvSource({
        "DIRECT, WEBSOCKETS",
        "DIRECT, LONG_POLLING",
        "STRIPPED, LONG_POLLING",
        "FORWARDED, WEBSOCKETS",
        "FORWARDED, LONG_POLLING",
    })
    void theJavaClientChatsOnItsTransports(Route route, TransportEnum transport) throws Exception {
        through(route, url -> {
            try (ChatClient ada = new ChatClient(HubConnectionBuilder.create(url).withTransport(transport).build())
                         .start();
                 ChatClient bob = new ChatClient(HubConnectionBuilder.create(url).withTransport(transport).build())
                         .start()) {
                assertEquals(List.of("ada"), ada.join("ada"));
                assertEquals(List.of("ada", "bob"), bob.join("bob"));
                assertEquals("userJoined(bob)", ada.nextEvent());
                bob.call("send", "hello");
                assertEquals("message(bob, hello)", ada.nextEvent());
                assertEquals("message(bob, hello)", bob.nextEvent());
                bob.stop();
                assertEquals("userLeft(bob)", ada.nextEvent());
            }
        });
    }

    /** The Java client does not fall back (a limitation of that client): behind a stripping proxy it needs LONG_POLLING. */
    @Test
    void theJavaClientWithDefaultsCannotFallBackBehindAStrippingProxy() throws Exception {
        through(Route.STRIPPED, url -> assertThrows(RuntimeException.class,
                () -> new ChatClient(HubConnectionBuilder.create(url).build()).start()));
    }

    @FunctionalInterface
    interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }
}
