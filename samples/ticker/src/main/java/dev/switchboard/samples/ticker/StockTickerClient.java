package dev.switchboard.samples.ticker;

import java.util.concurrent.CompletableFuture;

/**
 * What the ticker calls on its pages, typed: {@code hub.clients().all(StockTickerClient.class).marketOpened()}.
 * Each completes once the message is queued for every page.
 */
public interface StockTickerClient {

    /** A stock's price moved. */
    CompletableFuture<Void> updateStockPrice(Stock stock);

    /** Prices started moving. */
    CompletableFuture<Void> marketOpened();

    /** Prices stopped moving. */
    CompletableFuture<Void> marketClosed();

    /** Every price went back to its opening one. */
    CompletableFuture<Void> marketReset();
}
