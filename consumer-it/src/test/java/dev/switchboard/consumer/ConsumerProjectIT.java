package dev.switchboard.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.Prerequisites;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's path, verbatim from the README: a new Maven project in a temporary folder with the README's
 * dependencies and files, built and run with the README's command, so Switchboard comes from the local
 * repository by its coordinates only. The official Java client and a browser then use it, and SIGTERM stops
 * it. Only the port is changed, to a free one.
 */
class ConsumerProjectIT {

    private static final long TIMEOUT_SECONDS = 300;
    private static final String VERSION = System.getProperty("project.version");

    @TempDir
    Path project;
    private Process app;
    private final List<String> output = new ArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean started;

    @BeforeEach
    void requireInstalledArtifacts() throws IOException {
        Path built = Path.of(System.getProperty("installed.from"), "hub-server", "target",
                "hub-server-" + VERSION + ".jar");
        Path installed = Path.of(System.getProperty("maven.repo.local"), "dev", "switchboard", "hub-server", VERSION,
                "hub-server-" + VERSION + ".jar");
        if (!Files.exists(installed) || Files.mismatch(built, installed) != -1) {
            Prerequisites.missing("the local repository does not hold this build's hub-server (" + installed
                    + "): the consumer-project test needs `mvn install`, not `mvn verify`");
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theReadmeProjectBuildsRunsAndServesItsPageAndHub() throws Exception {
        int port = freePort();
        Readme readme = Readme.load();
        writeProject(readme, port);
        app = new ProcessBuilder(runCommand(readme)).directory(project.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readOutput, "consumer-output");
        reader.setDaemon(true);
        reader.start();
        assertTrue(listening.await(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                "the README's project did not start within " + TIMEOUT_SECONDS + " s:\n" + output());
        assertTrue(started, "the README's project ended without starting:\n" + output());
        try {
            useAndStop(port);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("the README's project failed a check; its output:\n" + output(), e);
        }
    }

    private void useAndStop(int port) throws Exception {

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("/switchboard/switchboard.min.js"), page.body());

        HubConnection java = HubConnectionBuilder.create("http://localhost:" + port + "/chat")
                .withTransport(TransportEnum.WEBSOCKETS).build();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        java.on("message", (nickname, text) -> heard.add(nickname + ": " + text), String.class, String.class);
        java.start().blockingAwait(60, TimeUnit.SECONDS);

        try (Browser browser = Browser.open()) {
            browser.get("http://localhost:" + port + "/");
            browser.waitForText("body", "ada: hello");
        }
        assertEquals("ada: hello", heard.poll(60, TimeUnit.SECONDS), "the page's message reached the Java client");
        java.send("send", "grace", "hi");
        assertEquals("grace: hi", heard.poll(60, TimeUnit.SECONDS));

        // Ctrl+C or SIGTERM drains the server: the client is told to go, and the program ends.
        app.toHandle().destroy();   // SIGTERM, leaving the output pipe open (Process.destroy closes it)
        assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the project did not stop on SIGTERM:\n" + output());
        assertNotNull(awaitDisconnected(java), "the Java client's connection did not end");
        assertTrue(output().contains("stopped"), "no drain was logged on SIGTERM:\n" + output());
    }

    @Test
    void theInstalledArtifactsAreWhatMavenCentralAsksFor() throws IOException {
        Path repository = Path.of(System.getProperty("maven.repo.local"), "dev", "switchboard");
        Map<String, String> moduleNames = Map.of("hub-server", "dev.switchboard", "hub-redis", "dev.switchboard.redis");
        for (Map.Entry<String, String> library : moduleNames.entrySet()) {
            Path folder = repository.resolve(library.getKey()).resolve(VERSION);
            String base = library.getKey() + "-" + VERSION;
            try (JarFile jar = new JarFile(folder.resolve(base + ".jar").toFile())) {
                assertNotNull(jar.getEntry("META-INF/LICENSE"), base + ".jar carries no LICENSE");
                assertEquals(library.getValue(), jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
            }
            assertTrue(Files.exists(folder.resolve(base + "-sources.jar")), base + "-sources.jar is not installed");
            try (JarFile javadoc = new JarFile(folder.resolve(base + "-javadoc.jar").toFile())) {
                assertTrue(javadoc.stream().noneMatch(e -> e.getName().contains("/internal/")),
                        base + "-javadoc.jar documents internal packages");
                assertNotNull(javadoc.getEntry("index.html"), base + "-javadoc.jar has no index.html");
            }
        }
        String parent = Files.readString(repository.resolve("switchboard-parent").resolve(VERSION)
                .resolve("switchboard-parent-" + VERSION + ".pom"));
        String bom = Files.readString(repository.resolve("switchboard-bom").resolve(VERSION)
                .resolve("switchboard-bom-" + VERSION + ".pom"));
        for (String element : List.of("<description>", "<url>", "<licenses>", "<scm", "<developers>")) {
            assertTrue(parent.contains(element), "the parent pom has no " + element);
            assertTrue(bom.contains(element), "the BOM has no " + element);
        }
    }

    private static HubConnectionState awaitDisconnected(HubConnection connection) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        CountDownLatch closed = new CountDownLatch(1);
        connection.onClosed(error -> closed.countDown());
        if (connection.getConnectionState() != HubConnectionState.DISCONNECTED) {
            closed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        return connection.getConnectionState() == HubConnectionState.DISCONNECTED ? HubConnectionState.DISCONNECTED
                : null;
    }

    /** The README's project files, with the port made free. */
    private void writeProject(Readme readme, int port) throws IOException {
        for (Readme.Block file : readme.projectFiles()) {
            String path = file.path().orElseThrow();
            String text = file.text().replace(".port(8080)", ".port(" + port + ")");
            Path target = project.resolve(path);
            Files.createDirectories(target.getParent() == null ? project : target.getParent());
            Files.writeString(target, text);
        }
        assertTrue(Files.exists(project.resolve("pom.xml")), "the README shows no pom.xml");
    }

    /** The README's command that runs the example, in batch mode and on this build's local repository. */
    private static List<String> runCommand(Readme readme) {
        String line = readme.blocks("sh").stream().flatMap(b -> b.text().lines())
                .filter(l -> l.startsWith("mvn ") && l.contains("exec:java")).findFirst()
                .orElseThrow(() -> new AssertionError("the README gives no `mvn ... exec:java` command"));
        List<String> command = new ArrayList<>(Arrays.asList(line.replaceAll("\\s+#.*$", "").split("\\s+")));
        command.add(1, "-B");
        command.add(2, "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
        return command;
    }

    private void readOutput() {
        try (var lines = app.inputReader().lines()) {
            lines.forEach(line -> {
                synchronized (output) {
                    output.add(line);
                }
                if (line.contains("Switchboard listening on port")) {
                    started = true;
                    listening.countDown();
                }
            });
        }
        listening.countDown();
    }

    private String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
