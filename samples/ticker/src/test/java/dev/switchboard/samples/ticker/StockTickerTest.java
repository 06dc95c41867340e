package dev.switchboard.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The market without clients: moves, bounds, repeatability, and the conflating stream of one symbol. */
class StockTickerTest {

    private static StockTicker market(Long seed) {
        StockTicker ticker = TickerServer.injector(MarketSettings.of(Duration.ofHours(1), seed))
                .getInstance(StockTicker.class);
        ticker.openMarket();
        return ticker;
    }

    @Test
    void aStockFollowsItsMoves() {
        Stock open = Stock.opening("MSFT", "100");
        Stock down = open.movedTo(new BigDecimal("97.504"));
        assertEquals(new Stock("MSFT", new BigDecimal("97.50"), new BigDecimal("100.00"), new BigDecimal("97.50"),
                new BigDecimal("100.00"), new BigDecimal("-2.50"), new BigDecimal("-2.50")), down);
        Stock up = down.movedTo(new BigDecimal("101.25"));
        assertEquals(new BigDecimal("97.50"), up.dayLow());
        assertEquals(new BigDecimal("101.25"), up.dayHigh());
        assertEquals(new BigDecimal("3.75"), up.lastChange());
        assertEquals(new BigDecimal("1.25"), up.percentChange());
    }

    @Test
    void theSameSeedMakesTheSameMoves() {
        try (StockTicker first = market(7L); StockTicker second = market(7L)) {
            for (int i = 0; i < 50; i++) {
                assertEquals(first.tick(), second.tick());
            }
        }
    }

    @Test
    void pricesStayWithinTheirBandAndEachMoveIsSmall() {
        try (StockTicker ticker = market(3L)) {
            for (int i = 0; i < 5000; i++) {
                for (Stock stock : ticker.tick()) {
                    double open = stock.dayOpen().doubleValue();
                    double price = stock.price().doubleValue();
                    assertTrue(Math.abs(price - open) <= open * StockTicker.BAND_PERCENT / 100 + 0.01, stock::toString);
                    double before = price - stock.lastChange().doubleValue();
                    assertTrue(Math.abs(stock.lastChange().doubleValue())
                            <= Math.max(0.01, before * StockTicker.MOVE_PERCENT / 100) + 0.01, stock::toString);
                    assertTrue(stock.dayLow().compareTo(stock.price()) <= 0
                            && stock.dayHigh().compareTo(stock.price()) >= 0, stock::toString);
                }
            }
        }
    }

    @Test
    void aSlowWatcherSkipsToTheNewestStateAndCancelLeavesNothingBehind() {
        try (StockTicker ticker = market(11L)) {
            Recorder recorder = new Recorder();
            ticker.watch("AAPL").subscribe(recorder);
            assertEquals(List.of(), recorder.items, "nothing before it is asked for");
            List<Stock> moves = new ArrayList<>();
            while (moves.size() < 3) {
                ticker.tick().stream().filter(stock -> stock.symbol().equals("AAPL")).forEach(moves::add);
            }
            recorder.subscription.request(1);
            assertEquals(List.of(moves.get(moves.size() - 1)), recorder.items);
            recorder.subscription.request(1);
            assertEquals(1, recorder.items.size(), "no state twice");

            recorder.subscription.cancel();
            assertEquals(0, ticker.watcherCount());
        }
    }

    @Test
    void closingCompletesTheStreamsAndRefusesToOpenAgain() {
        StockTicker ticker = market(5L);
        Recorder recorder = new Recorder();
        ticker.watch("GOOG").subscribe(recorder);
        ticker.close();
        assertTrue(recorder.completed);
        assertEquals(0, ticker.watcherCount());
        assertThrows(IllegalStateException.class, ticker::openMarket);
        Recorder late = new Recorder();
        ticker.watch("GOOG").subscribe(late);
        assertTrue(late.completed);
    }

    @Test
    void aNonPositiveRequestFailsTheStream() {
        try (StockTicker ticker = market(5L)) {
            Recorder recorder = new Recorder();
            ticker.watch("NVDA").subscribe(recorder);
            recorder.subscription.request(0);
            assertTrue(recorder.failure instanceof IllegalArgumentException, String.valueOf(recorder.failure));
            assertEquals(0, ticker.watcherCount());
        }
    }

    @Test
    void anUnknownSymbolIsRefused() {
        try (StockTicker ticker = market(5L)) {
            assertThrows(IllegalArgumentException.class, () -> ticker.watch("XYZ"));
        }
    }

    /** A subscriber that asks for nothing by itself. */
    private static final class Recorder implements Flow.Subscriber<Stock> {
        final List<Stock> items = new ArrayList<>();
        Flow.Subscription subscription;
        boolean completed;
        Throwable failure;

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
        }

        @Override
        public void onNext(Stock item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable error) {
            failure = error;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}
