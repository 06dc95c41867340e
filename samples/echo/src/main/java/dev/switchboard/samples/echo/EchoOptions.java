package dev.switchboard.samples.echo;

/**
 * The command line of the echo sample.
 *
 * @param port the port to listen on, 0 for any free one
 * @param help whether only the usage was asked for
 */
public record EchoOptions(int port, boolean help) {

    public static final int DEFAULT_PORT = 8080;

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar echo.jar [--port PORT] [--help]",
            "  --port PORT   port to listen on, 0 for any free port (default " + DEFAULT_PORT + ")",
            "  --help        print this help and exit");

    /** A command line that cannot be run; the message says why. */
    public static final class UsageException extends Exception {

        public UsageException(String message) {
            super(message);
        }
    }

    /** Reads the arguments of {@code main}. */
    public static EchoOptions parse(String... args) throws UsageException {
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return new EchoOptions(port, true);
                }
                case "--port" -> {
                    if (++i == args.length) {
                        throw new UsageException("--port needs a value");
                    }
                    port = port(args[i]);
                }
                default -> throw new UsageException("Unknown option: " + args[i]);
            }
        }
        return new EchoOptions(port, false);
    }

    private static int port(String value) throws UsageException {
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) > 65535) {
            throw new UsageException("--port needs a number from 0 to 65535, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }
}
