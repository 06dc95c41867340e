package dev.switchboard.samples.ticker;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How the market moves: injected into {@link StockTicker}, so that tests can make it fast and repeatable.
 *
 * @param interval how often prices may move while the market is open
 * @param random where the moves come from; only the ticker's lock ever uses it, so it need not be thread-safe
 */
public record MarketSettings(Duration interval, RandomGenerator random) {

    /** The classic sample's pace: prices may move four times a second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    /** Checks the interval is positive. */
    public MarketSettings {
        Objects.requireNonNull(random, "random");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The tick interval must be positive, not " + interval);
        }
    }

    /**
     * Settings with moves drawn from a {@link Random} seeded with {@code seed}, the same moves every run; a
     * null seed gives different moves each time.
     */
    public static MarketSettings of(Duration interval, Long seed) {
        return new MarketSettings(interval, seed == null ? new Random() : new Random(seed));
    }
}
