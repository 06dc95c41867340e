package dev.switchboard.samples.echo;

import dev.switchboard.HubServer;
import java.io.IOException;

/** Runs the echo sample: {@code java -jar echo.jar --port 8080}. */
public final class Main {

    /** The server could not start: the port is in use, say. */
    private static final int FAILED = 1;
    private static final int USAGE_ERROR = 2;

    private Main() {
    }

    /** Starts the server as the command line asks, and runs until it is stopped (Ctrl+C, SIGTERM). */
    public static void main(String[] args) throws InterruptedException {
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
        HubServer server;
        try {
            server = EchoServer.create(options.port()).start();
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(FAILED);
            return;
        }
        System.out.println("Echo running at http://localhost:" + server.port() + "/");
        // Until Ctrl+C or SIGTERM, when the server's shutdown hook drains it.
        server.join();
    }
}
