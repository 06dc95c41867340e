package dev.switchboard.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubException;
import dev.switchboard.testing.Await;
import io.reactivex.rxjava3.disposables.Disposable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ticker hub with the official Java client. The market starts closed and its scheduler never fires
 * within a test (an hour's interval): each test moves prices itself with {@link StockTicker#tick()}, from a
 * seeded generator, so what clients receive is known exactly.
 */
class TickerHubTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private TickerServer server;
    private StockTicker ticker;
    private final List<TickerClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TickerServer.create(new TickerOptions(0, NEVER, 42L, false, false)).start();
        ticker = server.ticker();
    }

    @AfterEach
    void stop() {
        clients.forEach(TickerClient::close);
        server.close();
    }

    @Test
    void allStocksAreAtTheirOpeningPricesInSymbolOrder() {
        List<Stock> stocks = connect().allStocks();
        assertEquals(List.of("AAPL", "AMZN", "GOOG", "MSFT", "NVDA"), stocks.stream().map(Stock::symbol).toList());
        for (Stock stock : stocks) {
            assertEquals(stock.dayOpen(), stock.price());
            assertEquals(stock.price(), stock.dayLow());
            assertEquals(stock.price(), stock.dayHigh());
            assertEquals(0, stock.lastChange().signum());
        }
        assertEquals(ticker.allStocks(), stocks);
    }

    @Test
    void everyMoveIsBroadcastToEveryClientInOrder() throws Exception {
        TickerClient ada = connect();
        TickerClient bob = connect();
        assertEquals("CLOSED", ada.marketState());
        ada.call("openMarket");
        assertEquals("marketOpened", ada.nextSignal());
        assertEquals("marketOpened", bob.nextSignal());
        assertEquals("OPEN", bob.marketState());

        List<Stock> moved = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            moved.addAll(ticker.tick());
        }
        assertTrue(moved.size() >= 5, "at least one stock moves on each tick");
        for (TickerClient client : List.of(ada, bob)) {
            List<Stock> received = new ArrayList<>();
            for (int i = 0; i < moved.size(); i++) {
                received.add(client.nextUpdate());
            }
            assertEquals(moved, received);
        }
        for (Stock stock : moved) {
            assertTrue(stock.lastChange().signum() != 0, () -> "a move changes the price: " + stock);
        }
        assertEquals(ticker.allStocks(), ada.allStocks());
    }

    @Test
    void aClosedMarketStandsStillAndCanBeReset() throws Exception {
        TickerClient ada = connect();
        TickerClient bob = connect();
        List<Stock> opening = ada.allStocks();
        ada.call("openMarket");
        ticker.tick();
        HubException refused = assertThrows(HubException.class, () -> bob.call("reset"));
        assertTrue(refused.getMessage().endsWith("Market must be closed before it can be reset."),
                refused.getMessage());

        bob.call("closeMarket");
        assertEquals(List.of(), ticker.tick());
        bob.call("reset");
        assertEquals(opening, ada.allStocks());
        for (TickerClient client : List.of(ada, bob)) {
            assertEquals("marketOpened", client.nextSignal());
            assertEquals("marketClosed", client.nextSignal());
            assertEquals("marketReset", client.nextSignal());
        }
    }

    @Test
    void aStreamOfOneSymbolStartsWithItsStateThenFollowsItsMoves() throws Exception {
        TickerClient ada = connect();
        BlockingQueue<Stock> items = new LinkedBlockingQueue<>();
        BlockingQueue<Object> ends = new LinkedBlockingQueue<>();
        Disposable watching = ada.watch(" msft ", items, ends);
        Stock msft = TickerClient.next(items, "MSFT's current state");
        assertEquals(ticker.allStocks().get(3), msft);
        assertEquals(1, ticker.watcherCount());

        ada.call("openMarket");
        List<Stock> msftMoves = new ArrayList<>();
        while (msftMoves.size() < 3) {
            ticker.tick().stream().filter(stock -> stock.symbol().equals("MSFT")).forEach(msftMoves::add);
        }
        // A slow client may skip to the newest state, but never sees one twice or out of order.
        int last = -1;
        while (last < msftMoves.size() - 1) {
            Stock item = TickerClient.next(items, "a move of MSFT");
            int at = msftMoves.indexOf(item);
            assertTrue(at > last, () -> "a later state of MSFT: " + item + " after " + msftMoves);
            last = at;
        }

        watching.dispose();
        Await.until(() -> ticker.watcherCount() == 0, "the cancelled stream leaves the ticker");
        assertEquals(List.of(), List.copyOf(ends), "a cancelled stream ends silently");
    }

    @Test
    void aClientThatLeavesEndsItsStreams() throws Exception {
        TickerClient ada = connect();
        TickerClient bob = connect();
        BlockingQueue<Stock> items = new LinkedBlockingQueue<>();
        ada.watch("AAPL", items, new LinkedBlockingQueue<>());
        ada.watch("NVDA", items, new LinkedBlockingQueue<>());
        bob.watch("AAPL", items, new LinkedBlockingQueue<>());
        for (int i = 0; i < 3; i++) {
            TickerClient.next(items, "each stream's first state");
        }
        assertEquals(3, ticker.watcherCount());
        ada.stop();
        Await.until(() -> ticker.watcherCount() == 1, "the streams of the client that left end");
    }

    @Test
    void unknownAndBlankSymbolsAreRefusedClearly() throws Exception {
        TickerClient ada = connect();
        BlockingQueue<Object> ends = new LinkedBlockingQueue<>();
        ada.watch("XYZ", new LinkedBlockingQueue<>(), ends);
        Object unknown = TickerClient.next(ends, "the refusal");
        assertTrue(unknown instanceof HubException, () -> "an error: " + unknown);
        assertTrue(((HubException) unknown).getMessage().endsWith(
                "HubException: Unknown stock symbol 'XYZ': the symbols are AAPL, AMZN, GOOG, MSFT, NVDA"),
                ((HubException) unknown).getMessage());

        ada.watch("  ", new LinkedBlockingQueue<>(), ends);
        Object blank = TickerClient.next(ends, "the refusal");
        assertTrue(((HubException) blank).getMessage().endsWith("HubException: A stock symbol is required"),
                ((HubException) blank).getMessage());
        assertEquals(0, ticker.watcherCount());
    }

    /** The real scheduler: with the market open at start, moves reach a client by themselves. */
    @Test
    void theScheduleMovesPricesUntilTheServerStops() throws Exception {
        TickerServer running = TickerServer.create(new TickerOptions(0, Duration.ofMillis(20), null, true, false))
                .start();
        try (running) {
            TickerClient ada = track(new TickerClient(running.port()));
            assertEquals("OPEN", ada.marketState());
            Stock first = ada.nextUpdate();
            Stock second = ada.nextUpdate();
            assertTrue(first.lastChange().signum() != 0 && second.lastChange().signum() != 0);
            BlockingQueue<Stock> items = new LinkedBlockingQueue<>();
            BlockingQueue<Object> ends = new LinkedBlockingQueue<>();
            ada.watch("GOOG", items, ends);
            TickerClient.next(items, "GOOG's state");
        }
        assertEquals(0, running.ticker().watcherCount());
        assertThrows(IllegalStateException.class, running.ticker()::openMarket);
    }

    private TickerClient connect() {
        return track(new TickerClient(server.port()));
    }

    private TickerClient track(TickerClient client) {
        clients.add(client);
        return client;
    }
}
