package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.CountingHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.NodeContract;
import dev.switchboard.testing.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.JavascriptExecutor;
import org.opentest4j.AssertionFailedError;

/**
 * Stateful reconnect in Chromium, with our browser scripts and with the official ones ({@code @microsoft/signalr}
 * and {@code @microsoft/signalr-protocol-msgpack} as hub-server's {@code src/test/node} pins them): a page served
 * through a {@link TcpProxy} connects to {@link CountingHub} with {@code withStatefulReconnect()} over WebSockets
 * ({@code src/test/browser/stateful-reconnect.js}), and the test resets the proxied sockets while the hub counts, as
 * {@code stateful-reconnect.mjs} does in Node for {@link StatefulReconnectNodeTest}.
 */
@Tag("slow")
class StatefulReconnectBrowserTest {

    /** Generous, for a busy two-core machine: a page's wait, and a connection the server's own timers end. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int COUNT = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Client { OURS, OFFICIAL }

    @TempDir
    Path site;

    private final Injector injector = Guice.createInjector();
    private final CountingHub.Recorder recorder = injector.getInstance(CountingHub.Recorder.class);

    /**
     * The proxy resets every socket three times while the hub counts to the page, each time once the page has had
     * more numbers on the WebSocket that the last resume opened, and the page sends reports meanwhile. The server
     * keeps the connection through each reset (a lost transport, not a close), the client resumes it on a new
     * WebSocket to the same URL, and every number and report arrives once, in order.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"OURS, json", "OURS, messagepack", "OFFICIAL, json", "OFFICIAL, messagepack"})
    void resumesThroughCutSocketsWithEveryNumberOnceInOrder(Client client, String protocol) throws Exception {
        try (HubServer server = start(HubOptions.defaults());
                TcpProxy proxy = TcpProxy.to(server.port());
                Browser browser = open(proxy, client, protocol)) {
            String id = (String) call(browser, "page.start(arguments[0])", protocol);
            assertEquals(id, call(browser, "page.connection().invoke('join', 'g')"));
            call(browser, "page.connection().invoke('countPaced', 'g', arguments[0], 2000)", COUNT);
            int sockets = 1;
            for (int at : List.of(300, 700, 1100)) {
                int opened = sockets;
                await(browser, () -> numbers(browser) >= at && openSockets(browser) == opened,
                        "number " + at + " with WebSocket " + opened + " open");
                proxy.cut();
                call(browser, "page.report()");
                sockets++;
            }
            long reported = (Long) call(browser, "page.reported()");
            await(browser, () -> numbers(browser) >= COUNT, "all " + COUNT + " numbers");
            // Still in its group: a second count reaches it.
            call(browser, "page.connection().invoke('count', 'g', 2)");
            await(browser, () -> numbers(browser) >= COUNT + 2, "the second count");

            List<Long> expected = Stream.concat(LongStream.rangeClosed(1, COUNT).boxed(), Stream.of(1L, 2L)).toList();
            assertEquals(expected, script(browser, "return page.seen.numbers"));
            assertEquals(id, script(browser, "return page.connection().connectionId"));
            assertEquals("Connected", script(browser, "return page.connection().state"));
            assertNull(script(browser, "return page.seen.closed"));
            List<?> urls = (List<?>) script(browser, "return page.urls()");
            assertEquals(sockets, urls.size(), "one WebSocket, and one more per cut: " + urls);
            assertTrue(urls.get(0).toString().contains("id=") && urls.stream().allMatch(urls.get(0)::equals),
                    "each resume to the same URL, with the connection's token: " + urls);
            assertEquals(List.of(1006L, 1006L, 1006L), script(browser, "return page.closeCodes()"), "each socket lost");
            // A close would have ended the connection, and the resume would have been refused.
            assertEquals(List.of(), List.copyOf(recorder.disconnected), "no connection ended at the cuts");

            call(browser, "page.connection().stop()");
            ObjectNode seen = JSON.createObjectNode().put("connectionId", id).put("reported", reported);
            recorder.awaitEnded(seen);
            recorder.assertResumed(seen);
            Await.until(() -> server.connectionCount() == 0, "every connection to end");
        }
    }

    /**
     * Past {@code statefulReconnectBufferSize} bytes not acknowledged, the server closes the connection and allows the
     * client to reconnect: the automatic reconnect makes a new connection, with a new id.
     */
    @ParameterizedTest
    @EnumSource(Client.class)
    void pastTheBudgetTheClientReconnectsAsANewConnection(Client client) throws Exception {
        try (HubServer server = start(HubOptions.defaults().withStatefulReconnectBufferSize(2000));
                TcpProxy proxy = TcpProxy.to(server.port());
                Browser browser = open(proxy, client, "json")) {
            String first = (String) call(browser, "page.start('json', [0, 0, 500, 1000, 2000])");
            call(browser, "page.connection().invoke('join', 'g')");
            // Closed before its completion can come, most likely.
            script(browser, "page.connection().invoke('count', 'g', 200).catch(() => {})");
            await(browser, () -> script(browser, "return page.seen.reconnected") != null, "the reconnect");
            String why = (String) script(browser, "return page.seen.reconnecting");
            assertTrue(why.contains("bytes not acknowledged"), why);
            String second = (String) script(browser, "return page.seen.reconnected");
            assertNotEquals(first, second);
            // The hub runs onConnected before a call: a stop right after the handshake could end it before.
            assertEquals(second, call(browser, "page.connection().invoke('join', 'g')"));
            call(browser, "page.connection().stop()");
            ObjectNode seen = JSON.createObjectNode().put("first", first).put("second", second);
            recorder.awaitEnded(seen);
            recorder.assertTwoConnections(seen);
            Await.until(() -> server.connectionCount() == 0, "every connection to end");
        }
    }

    private HubServer start(HubOptions options) throws Exception {
        return HubServer.builder().port(0).injector(injector).options(options.withAllowStatefulReconnects(true))
                .hub("/count", CountingHub.class).staticFiles(site).build().start();
    }

    /**
     * A browser on a page, through the proxy, that loads {@code stateful-reconnect.js} then the client's scripts:
     * ours as the server serves them, or the official builds.
     */
    private Browser open(TcpProxy proxy, Client client, String protocol) throws Exception {
        Files.copy(Path.of("src", "test", "browser", "stateful-reconnect.js"), site.resolve("stateful-reconnect.js"));
        List<String> scripts = switch (client) {
            case OURS -> List.of("/switchboard/switchboard.min.js", "/switchboard/switchboard-msgpack.min.js");
            case OFFICIAL -> {
                Files.copy(NodeContract.officialBrowserScript(), site.resolve("signalr.min.js"));
                Files.copy(NodeContract.officialMessagePackBrowserScript(), site.resolve("msgpack.min.js"));
                yield List.of("/signalr.min.js", "/msgpack.min.js");
            }
        };
        StringBuilder html = new StringBuilder("<!doctype html><html><body><script src=/stateful-reconnect.js></script>");
        scripts.stream().limit(protocol.equals("messagepack") ? 2 : 1)
                .forEach(script -> html.append("<script src=").append(script).append("></script>"));
        Files.writeString(site.resolve("index.html"), html.append("</body></html>"));
        Browser browser = Browser.open();
        browser.driver().manage().timeouts().scriptTimeout(WAIT);
        browser.get("http://127.0.0.1:" + proxy.port() + "/index.html");
        return browser;
    }

    /** Runs {@code script}, a function body, in the page and returns what it returned. */
    private static Object script(Browser browser, String script, Object... arguments) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, arguments);
    }

    /** Awaits the promise {@code expression} makes in the page, and returns its value; a rejection fails the test. */
    private static Object call(Browser browser, String expression, Object... arguments) {
        Map<?, ?> outcome = (Map<?, ?>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Promise.resolve().then(() => " + expression + ").then("
                        + "(value) => done({ value: value ?? null }), (error) => done({ error: String(error) }));",
                arguments);
        if (outcome.containsKey("error")) {
            fail(expression + " failed in the page: " + outcome.get("error"));
        }
        return outcome.get("value");
    }

    /** Waits up to {@link #WAIT} until {@code condition} holds; a failure shows the page's state and log. */
    private static void await(Browser browser, BooleanSupplier condition, String what) {
        try {
            Await.until(condition, WAIT, what);
        } catch (AssertionFailedError e) {
            throw new AssertionFailedError(e.getMessage() + "; the page: " + script(browser, "return page.state()"), e);
        }
    }

    private static long numbers(Browser browser) {
        return (Long) script(browser, "return page.seen.numbers.length");
    }

    /** How many WebSockets the client opened, once the last is open; 0 while it is not. */
    private static long openSockets(Browser browser) {
        Map<?, ?> sockets = (Map<?, ?>) script(browser, "return page.sockets()");
        return Boolean.TRUE.equals(sockets.get("open")) ? (Long) sockets.get("count") : 0;
    }
}
