package dev.switchboard.samples.echo;

import dev.switchboard.HubServer;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Runs the echo sample: {@code java -jar echo.jar --port 8080}. */
public final class Main {

    private static final int USAGE_ERROR = 2;
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        EchoOptions options;
        try {
            options = EchoOptions.parse(args);
        } catch (EchoOptions.UsageException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(EchoOptions.USAGE);
            System.exit(USAGE_ERROR);
            return;
        }
        if (options.help()) {
            System.out.println(EchoOptions.USAGE);
            return;
        }
        // Grizzly and Tyrus log through java.util.logging; send that to SLF4J like everything else.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        HubServer server = EchoServer.create(options.port()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            log.info("Echo stopped");
        }, "echo-shutdown"));
        System.out.println("Echo running at http://localhost:" + server.port() + "/");
        // The server's threads are daemons: keep the JVM alive until it is stopped (Ctrl+C, SIGTERM).
        Thread.currentThread().join();
    }
}
