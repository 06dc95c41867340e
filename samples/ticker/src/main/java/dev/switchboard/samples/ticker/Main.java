package dev.switchboard.samples.ticker;

import java.io.IOException;

/** Runs the stock ticker: {@code java -jar ticker.jar --port 8080}. */
public final class Main {

    /** The server could not start: the port is in use, say. */
    private static final int FAILED = 1;
    private static final int USAGE_ERROR = 2;

    private Main() {
    }

    /** Starts the server as the command line asks, and runs until the JVM is stopped. */
    public static void main(String[] args) throws InterruptedException {
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
        TickerServer server;
        try {
            server = TickerServer.create(options).start();
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(FAILED);
            return;
        }
        // The hub server's own hook drains it; this one stops the market too, and ends its streams first.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ticker-shutdown"));
        System.out.println("Stock ticker running at http://localhost:" + server.port() + "/");
        server.join();
    }
}
