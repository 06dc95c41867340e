package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubServer;
import dev.switchboard.HubUser;
import dev.switchboard.testing.Prerequisites;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm package as a user gets it: {@code npm pack}, then {@code npm install <tarball> ws} in a new project,
 * then a program that imports it (ES module) and one that requires it (CommonJS), in Node with no flags, each
 * connecting over WebSockets to a real hub through a front server that sets an affinity cookie at negotiate.
 * The hub sees what the upgrade request carried: the headers option, the token and the cookie. Without
 * {@code ws}, the client says to install it. A registry out of reach skips the test, or in CI fails it.
 */
class NpmPackageIT {

    /** Words in npm's output when it could not reach the registry. */
    private static final Pattern OFFLINE = Pattern.compile("ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH"
            + "|ECONNRESET|network request to .* failed");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The requests that opened a transport (for WebSockets, the upgrade), not negotiates. */
    private static final Queue<ConnectionRequest> OPENINGS = new ConcurrentLinkedQueue<>();

    private static HubServer server;
    private static Process front;
    private static String hubUrl;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() throws Exception {
        server = HubServer.builder()
                .port(0)
                .authenticator(NpmPackageIT::authenticate)
                .hub("/consumer", ConsumerTestHub.class)
                .build()
                .start();
        Prerequisites.onPath("the npm package test", "node", "npm");
        front = new ProcessBuilder("node", "test/consumer/front.mjs", String.valueOf(server.port()))
                .redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(front.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertTrue(line != null && line.startsWith("listening "), "the front server did not start: " + line);
        hubUrl = "http://127.0.0.1:" + line.substring("listening ".length()) + "/consumer";
    }

    private static HubUser authenticate(ConnectionRequest request, String token) {
        if (!request.path().endsWith("/negotiate")) {
            OPENINGS.add(request);
        }
        return token == null ? null : HubUser.of(token);
    }

    @AfterAll
    static void stop() {
        if (front != null) {
            front.destroy();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePackedPackageConnectsOverWebSocketsFromImportAndRequire() throws Exception {
        Path tarball = pack();
        Path app = Files.createDirectory(temp.resolve("app"));
        install(app, tarball.toString(), "ws");
        System.out.println("node " + Node.run(List.of("node", "--version"), app, Map.of(), 30).strip()
                + ", ws " + JSON.readTree(app.resolve("node_modules/ws/package.json").toFile()).get("version"));

        JsonNode esm = runConsumer(app, "consumer.mjs", "esm");
        assertTrue(esm.get("module").asText().endsWith("/dist/switchboard.mjs"), esm.toString());
        JsonNode cjs = runConsumer(app, "consumer.cjs", "cjs");
        assertTrue(cjs.get("module").asText().endsWith("/dist/switchboard.cjs"), cjs.toString());
        // The MessagePack module, as a subpath of the package, from both.
        assertEquals("messagepack", esm.get("msgpack").asText(), esm.toString());
        assertEquals("messagepack", cjs.get("msgpack").asText(), cjs.toString());
        assertTrue(Files.isRegularFile(app.resolve("node_modules/@switchboard/hub-client/LICENSE")), "no LICENSE");
    }

    @Test
    void withoutWsTheClientSaysToInstallIt() throws Exception {
        Path app = Files.createDirectory(temp.resolve("without-ws"));
        install(app, pack().toString());
        Files.copy(Path.of("test/consumer/consumer.mjs"), app.resolve("consumer.mjs"));
        JsonNode result = JSON.readTree(Node.run(List.of("node", "consumer.mjs", hubUrl, "nows"), app, Map.of(), 60));
        assertTrue(result.get("error").asText().contains("install it with 'npm install ws'"), result.toString());
        assertTrue(result.get("warnings").get(0).asText()
                .startsWith("Failed to start the transport 'WebSockets': Error: WebSockets needs the optional 'ws' package"),
                result.toString());
    }

    /** Runs a consumer script; checks its answers and what its WebSocket upgrade carried. */
    private static JsonNode runConsumer(Path app, String script, String name) throws Exception {
        Files.copy(Path.of("test/consumer", script), app.resolve(script));
        JsonNode result = JSON.readTree(Node.run(List.of("node", script, hubUrl, name), app, Map.of(), 60));
        assertNull(result.get("error"), result.toString());
        assertEquals("WebSockets", result.get("transport").asText(), result.toString());
        assertEquals("hello " + name, result.get("answer").asText());
        assertEquals("called back " + name + " as token-" + name, result.get("callBack").asText());
        assertEquals(0, result.get("warnings").size(), result.toString());

        ConnectionRequest upgrade = OPENINGS.stream().filter(r -> name.equals(r.header("X-Consumer")))
                .findFirst().orElse(null);
        assertNotNull(upgrade, "no request opened a transport for " + name + ": " + OPENINGS);
        assertEquals("websocket", upgrade.header("Upgrade").toLowerCase(java.util.Locale.ROOT));
        assertEquals("Bearer token-" + name, upgrade.header("Authorization"));
        assertNull(upgrade.queryParameter("access_token"), "in Node the token goes in a header");
        assertEquals("affinity=hub-1", upgrade.header("Cookie"), "the cookie set at negotiate");
        return result;
    }

    /** Packs the package into a fresh folder; its prepack step copies the repository's LICENSE in. */
    private static Path pack() throws Exception {
        Path into = Files.createTempDirectory(temp, "pack");
        Node.run(List.of("npm", "pack", "--pack-destination", into.toString()), Map.of(), 120);
        try (var files = Files.list(into)) {
            return files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow();
        }
    }

    /**
     * {@code npm init -y} and {@code npm install} as a user types them in a new project; a registry out of reach
     * is a missing prerequisite.
     */
    private static void install(Path app, String... packages) throws Exception {
        Node.run(List.of("npm", "init", "-y"), app, Map.of(), 60);
        List<String> command = new java.util.ArrayList<>(List.of("npm", "install"));
        command.addAll(List.of(packages));
        Node.Result result = Node.exec(command, app, Map.of(), 300);
        if (result.exitCode() != 0 && OFFLINE.matcher(result.output()).find()) {
            Prerequisites.missing("the npm registry is out of reach for the npm package test:\n" + result.output());
        }
        assertEquals(0, result.exitCode(), String.join(" ", command) + " failed:\n" + result.output());
    }
}
