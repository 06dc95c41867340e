package dev.switchboard.samples.ticker;

/** Whether prices move: they do only while the market is open. */
public enum MarketState {
    OPEN,
    CLOSED
}
