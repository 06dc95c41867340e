package dev.switchboard.samples.chat;

/**
 * The command line of the chat room.
 *
 * @param port the port to listen on, 0 for any free one
 * @param help whether only the usage was asked for
 */
public record ChatOptions(int port, boolean help) {

    public static final int DEFAULT_PORT = 8080;

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar chat.jar [--port PORT] [--help]",
            "  --port PORT  port to listen on, 0 for any free port (default " + DEFAULT_PORT + ")",
            "  --help       print this help and exit");

    /** A command line that cannot be run; the message says why. */
    public static final class UsageException extends Exception {

        public UsageException(String message) {
            super(message);
        }
    }

    /** Reads the arguments of {@code main}. */
    public static ChatOptions parse(String... args) throws UsageException {
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return new ChatOptions(port, true);
                }
                case "--port" -> {
                    if (i + 1 == args.length) {
                        throw new UsageException("--port needs a value");
                    }
                    port = port(args[++i]);
                }
                default -> throw new UsageException("Unknown option: " + args[i]);
            }
        }
        return new ChatOptions(port, false);
    }

    private static int port(String value) throws UsageException {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--port needs a number, not '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be from 0 to 65535, not " + port);
        }
        return port;
    }
}
