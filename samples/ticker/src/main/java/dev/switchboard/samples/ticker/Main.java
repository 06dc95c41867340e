package dev.switchboard.samples.ticker;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Runs the stock ticker: {@code java -jar ticker.jar --port 8080}. */
public final class Main {

    private static final int USAGE_ERROR = 2;
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /** Starts the server as the command line asks, and runs until the JVM is stopped. */
    public static void main(String[] args) throws IOException, InterruptedException {
        TickerOptions options;
        try {
            options = TickerOptions.parse(args);
        } catch (TickerOptions.UsageException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(TickerOptions.USAGE);
            System.exit(USAGE_ERROR);
            return;
        }
        if (options.help()) {
            System.out.println(TickerOptions.USAGE);
            return;
        }
        // Grizzly and Tyrus log through java.util.logging; send that to SLF4J like everything else.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        TickerServer server = TickerServer.create(options).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            log.info("Stock ticker stopped");
        }, "ticker-shutdown"));
        System.out.println("Stock ticker running at http://localhost:" + server.port() + "/");
        // The server's threads are daemons: keep the JVM alive until it is stopped (Ctrl+C, SIGTERM).
        Thread.currentThread().join();
    }
}
