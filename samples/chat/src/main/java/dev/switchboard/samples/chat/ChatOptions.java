package dev.switchboard.samples.chat;

import dev.switchboard.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of the chat room.
 *
 * @param port the port to listen on, 0 for any free one
 * @param maxConnections the most connections at once, 0 for no limit
 * @param keystore a PKCS#12 keystore to serve https and wss with, or null for plain http
 * @param keystorePassword the keystore's password, given exactly when {@code keystore} is
 * @param transports the transports clients may use
 * @param redis the {@code redis://} URI of the Redis that joins this server to others in one chat room, or null
 *              for a chat room of this server alone
 * @param help whether only the usage was asked for
 */
public record ChatOptions(int port, int maxConnections, Path keystore, String keystorePassword,
                          Set<Transport> transports, String redis, boolean help) {

    public static final int DEFAULT_PORT = 8080;

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar chat.jar [--port PORT] [--max-connections N] [--keystore FILE --keystore-password PW]"
                    + " [--transports LIST] [--redis URI] [--help]",
            "  --port PORT               port to listen on, 0 for any free port (default " + DEFAULT_PORT + ")",
            "  --max-connections N       refuse connections beyond N with 503 (default: no limit)",
            "  --keystore FILE           serve https and wss with the key and certificate in this PKCS#12 file",
            "  --keystore-password PW    the keystore's password",
            "  --transports LIST         any of websockets,sse,longpolling, comma-separated (default: all)",
            "  --redis URI               share one chat room with every server on this Redis,",
            "                            e.g. redis://localhost:6379 (default: this server's room alone)",
            "  --help                    print this help and exit");

    /** A command line that cannot be run; the message says why. */
    public static final class UsageException extends Exception {

        public UsageException(String message) {
            super(message);
        }
    }

    /** Options of a chat room of this server alone. */
    public ChatOptions(int port, int maxConnections, Path keystore, String keystorePassword,
                       Set<Transport> transports, boolean help) {
        this(port, maxConnections, keystore, keystorePassword, transports, null, help);
    }

    /** The options of a plain chat room on {@code port}. */
    public static ChatOptions onPort(int port) {
        return new ChatOptions(port, 0, null, null, EnumSet.allOf(Transport.class), false);
    }

    /** Reads the arguments of {@code main}. */
    public static ChatOptions parse(String... args) throws UsageException {
        int port = DEFAULT_PORT;
        int maxConnections = 0;
        Path keystore = null;
        String password = null;
        Set<Transport> transports = EnumSet.allOf(Transport.class);
        String redis = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> {
                    return new ChatOptions(port, maxConnections, keystore, password, transports, redis, true);
                }
                case "--port" -> port = number(flag, value(args, ++i, flag), 0, 65535);
                case "--max-connections" -> maxConnections = number(flag, value(args, ++i, flag), 1, Integer.MAX_VALUE);
                case "--keystore" -> keystore = Path.of(value(args, ++i, flag));
                case "--keystore-password" -> password = value(args, ++i, flag);
                case "--transports" -> transports = transports(value(args, ++i, flag));
                case "--redis" -> redis = redisUri(value(args, ++i, flag));
                default -> throw new UsageException("Unknown option: " + flag);
            }
        }
        if ((keystore == null) != (password == null)) {
            throw new UsageException("--keystore and --keystore-password go together");
        }
        return new ChatOptions(port, maxConnections, keystore, password, transports, redis, false);
    }

    /** Checks the shape of a Redis URI here, so that a typo is a usage error rather than a failed connection. */
    private static String redisUri(String value) throws UsageException {
        try {
            URI uri = new URI(value);
            if (("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // Not a URI at all: the same usage error as a URI of the wrong kind.
        }
        throw new UsageException("--redis needs a URI such as redis://localhost:6379, not '" + value + "'");
    }

    private static Set<Transport> transports(String list) throws UsageException {
        Set<Transport> chosen = EnumSet.noneOf(Transport.class);
        for (String name : list.split(",")) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "websockets" -> chosen.add(Transport.WEB_SOCKETS);
                case "sse" -> chosen.add(Transport.SERVER_SENT_EVENTS);
                case "longpolling" -> chosen.add(Transport.LONG_POLLING);
                default -> throw new UsageException("--transports takes websockets, sse and longpolling, not '"
                        + name.trim() + "'");
            }
        }
        return chosen;
    }

    private static String value(String[] args, int index, String flag) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(flag + " needs a value");
        }
        return args[index];
    }

    private static int number(String flag, String value, int min, int max) throws UsageException {
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a number, not '" + value + "'");
        }
        if (number < min || number > max) {
            throw new UsageException(flag + " must be from " + min + " to " + max + ", not " + number);
        }
        return number;
    }
}
