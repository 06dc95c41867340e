package dev.switchboard.samples.ticker;

import java.time.Duration;

/**
 * The command line of the stock ticker.
 *
 * @param port the port to listen on, 0 for any free one
 * @param interval how often prices may move while the market is open
 * @param seed the seed of the price moves, for the same moves every run; null for different ones
 * @param openAtStart whether the market opens as soon as the server is up
 * @param help whether only the usage was asked for
 */
public record TickerOptions(int port, Duration interval, Long seed, boolean openAtStart, boolean help) {

    /** The port when none is given. */
    public static final int DEFAULT_PORT = 8080;
    private static final int MAX_INTERVAL_MILLIS = 60_000;

    /** What {@code --help} prints. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar ticker.jar [--port PORT] [--interval MS] [--seed N] [--closed] [--help]",
            "  --port PORT      port to listen on, 0 for any free port (default " + DEFAULT_PORT + ")",
            "  --interval MS    how often prices may move, in milliseconds (default "
                    + MarketSettings.DEFAULT_INTERVAL.toMillis() + ")",
            "  --seed N         seed the price moves, for the same moves every run",
            "  --closed         start with the market closed (default: open)",
            "  --help           print this help and exit");

    /** A command line that cannot be run; the message says why. */
    public static final class UsageException extends Exception {

        /** A command line that cannot be run, for the reason given. */
        public UsageException(String message) {
            super(message);
        }
    }

    /** The options of a ticker on {@code port} whose market opens at start, at the default pace. */
    public static TickerOptions onPort(int port) {
        return new TickerOptions(port, MarketSettings.DEFAULT_INTERVAL, null, true, false);
    }

    /** How the market moves, as these options ask. */
    public MarketSettings marketSettings() {
        return MarketSettings.of(interval, seed);
    }

    /** Reads the arguments of {@code main}. */
    public static TickerOptions parse(String... args) throws UsageException {
        int port = DEFAULT_PORT;
        Duration interval = MarketSettings.DEFAULT_INTERVAL;
        Long seed = null;
        boolean open = true;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> {
                    return new TickerOptions(port, interval, seed, open, true);
                }
                case "--port" -> port = (int) number(flag, value(args, ++i, flag), 0, 65535);
                case "--interval" -> interval = Duration.ofMillis(number(flag, value(args, ++i, flag), 1,
                        MAX_INTERVAL_MILLIS));
                case "--seed" -> seed = number(flag, value(args, ++i, flag), Long.MIN_VALUE, Long.MAX_VALUE);
                case "--closed" -> open = false;
                default -> throw new UsageException("Unknown option: " + flag);
            }
        }
        return new TickerOptions(port, interval, seed, open, false);
    }

    private static String value(String[] args, int index, String flag) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(flag + " needs a value");
        }
        return args[index];
    }

    private static long number(String flag, String value, long min, long max) throws UsageException {
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a number, not '" + value + "'");
        }
        if (number < min || number > max) {
            throw new UsageException(flag + " must be from " + min + " to " + max + ", not " + number);
        }
        return number;
    }
}
