package dev.switchboard.samples.ticker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One stock's state for the day, as clients receive it. Prices are in cents ({@code BigDecimal}s of scale
 * 2) so that they show as traders expect, never as 107.56000000001.
 *
 * @param symbol the ticker symbol, upper case
 * @param price the current price
 * @param dayOpen the price when the day (or the last reset) began
 * @param dayLow the lowest price since then
 * @param dayHigh the highest price since then
 * @param lastChange the last move of the price, 0 for a stock that has not moved
 * @param percentChange the move since {@code dayOpen}, as a percentage of it, to two decimals
 */
public record Stock(String symbol, BigDecimal price, BigDecimal dayOpen, BigDecimal dayLow, BigDecimal dayHigh,
                    BigDecimal lastChange, BigDecimal percentChange) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Checks that every field is there. */
    public Stock {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(dayOpen, "dayOpen");
        Objects.requireNonNull(dayLow, "dayLow");
        Objects.requireNonNull(dayHigh, "dayHigh");
        Objects.requireNonNull(lastChange, "lastChange");
        Objects.requireNonNull(percentChange, "percentChange");
    }

    /** A stock at the start of the day: opening, low and high are all {@code price}, nothing has changed. */
    public static Stock opening(String symbol, String price) {
        BigDecimal open = cents(new BigDecimal(price));
        return new Stock(symbol, open, open, open, open, cents(BigDecimal.ZERO), BigDecimal.ZERO.setScale(2));
    }

    /** This stock after its price moved to {@code newPrice}: low, high and both changes follow. */
    public Stock movedTo(BigDecimal newPrice) {
        BigDecimal moved = cents(newPrice);
        BigDecimal percent = moved.subtract(dayOpen).multiply(HUNDRED).divide(dayOpen, 2, RoundingMode.HALF_EVEN);
        return new Stock(symbol, moved, dayOpen, dayLow.min(moved), dayHigh.max(moved), moved.subtract(price),
                percent);
    }

    private static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN);
    }
}
