package dev.switchboard.samples.ticker;

import dev.switchboard.HubContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market: a few stocks whose prices move at random while it is open, each move pushed to every client
 * of {@link TickerHub} as {@code updateStockPrice(stock)} and to the watchers of that stock. Opening,
 * closing and resetting are pushed to everyone as {@code marketOpened()}, {@code marketClosed()} and
 * {@code marketReset()}.
 *
 * <p>A move is at most {@value #MOVE_PERCENT} % of the price and keeps the price within
 * {@value #BAND_PERCENT} % of the day's opening. Prices, market state and the broadcasts change under one
 * lock, so clients see the moves and the open, close and reset signals in the order they happened.
 */
@Singleton
public final class StockTicker implements AutoCloseable {

    static final double MOVE_PERCENT = 0.8;
    static final double BAND_PERCENT = 10;
    /** The chance that a given stock moves on a tick; at least one always does. */
    private static final double MOVE_CHANCE = 0.4;
    private static final List<Stock> DEFAULT_STOCKS = List.of(
            Stock.opening("AAPL", "229.87"),
            Stock.opening("AMZN", "186.40"),
            Stock.opening("GOOG", "163.24"),
            Stock.opening("MSFT", "415.10"),
            Stock.opening("NVDA", "118.85"));
    private static final List<String> SYMBOLS = DEFAULT_STOCKS.stream().map(Stock::symbol).toList();
    private static final Logger log = LoggerFactory.getLogger(StockTicker.class);

    private final HubContext<TickerHub> hub;
    private final MarketSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    /** Symbol to current state, in symbol order; guarded by {@link #lock}. */
    private final Map<String, Stock> stocks = new LinkedHashMap<>();
    /** Symbol to its watchers; the symbols never change, so neither do the keys. */
    private final Map<String, Set<StockSubscription>> watchers = new ConcurrentHashMap<>();
    private MarketState state = MarketState.CLOSED;
    private ScheduledFuture<?> ticking;
    private boolean closed;

    /** A closed market with the default stocks at their opening prices. */
    @Inject
    public StockTicker(HubContext<TickerHub> hub, MarketSettings settings) {
        this.hub = hub;
        this.settings = settings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stock-ticker");
            thread.setDaemon(true);
            return thread;
        });
        loadDefaultStocks();
        SYMBOLS.forEach(symbol -> watchers.put(symbol, new CopyOnWriteArraySet<>()));
    }

    /** Every stock's current state, in symbol order. */
    public List<Stock> allStocks() {
        synchronized (lock) {
            return List.copyOf(stocks.values());
        }
    }

    /** The symbols traded, in order; they never change. */
    public List<String> symbols() {
        return SYMBOLS;
    }

    /** Whether prices are moving. */
    public MarketState marketState() {
        synchronized (lock) {
            return state;
        }
    }

    /**
     * Starts moving prices, and tells every client with {@code marketOpened()}; an open market stays as it is.
     *
     * @throws IllegalStateException once the ticker is closed
     */
    public void openMarket() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The stock ticker has been shut down");
            }
            if (state == MarketState.OPEN) {
                return;
            }
            long every = settings.interval().toNanos();
            ticking = scheduler.scheduleAtFixedRate(this::scheduledTick, every, every, TimeUnit.NANOSECONDS);
            state = MarketState.OPEN;
            broadcast("marketOpened", StockTickerClient::marketOpened);
        }
        log.info("Market opened");
    }

    /** Stops moving prices, and tells every client with {@code marketClosed()}; a closed market stays as it is. */
    public void closeMarket() {
        synchronized (lock) {
            if (state == MarketState.CLOSED) {
                return;
            }
            ticking.cancel(false);
            state = MarketState.CLOSED;
            broadcast("marketClosed", StockTickerClient::marketClosed);
        }
        log.info("Market closed");
    }

    /**
     * Puts every stock back to its opening price, and tells every client with {@code marketReset()} and
     * each watcher with the stock's new state.
     *
     * @throws IllegalStateException while the market is open
     */
    public void reset() {
        synchronized (lock) {
            if (state != MarketState.CLOSED) {
                throw new IllegalStateException("Market must be closed before it can be reset.");
            }
            loadDefaultStocks();
            broadcast("marketReset", StockTickerClient::marketReset);
            stocks.values().forEach(this::notifyWatchers);
        }
        log.info("Market reset");
    }

    /**
     * The states of one stock: first the current one, then each change, until the subscriber cancels or the
     * ticker closes. A subscriber slower than the market gets the newest state when it asks again, skipping
     * those it missed.
     *
     * @throws IllegalArgumentException for a symbol not in {@link #symbols()}
     */
    public Flow.Publisher<Stock> watch(String symbol) {
        Set<StockSubscription> ofSymbol = watchers.get(symbol);
        if (ofSymbol == null) {
            throw new IllegalArgumentException("No stock has the symbol " + symbol);
        }
        return subscriber -> {
            StockSubscription subscription = new StockSubscription(subscriber, ofSymbol::remove);
            subscriber.onSubscribe(subscription);
            synchronized (lock) {
                if (closed) {
                    subscription.complete();
                    return;
                }
                ofSymbol.add(subscription);
                subscription.offer(stocks.get(symbol));
            }
            // Cancelled before it was added: removing it on cancel found nothing to remove.
            if (subscription.cancelled()) {
                ofSymbol.remove(subscription);
            }
        };
    }

    /** How many streams of stock states are open, over all symbols. */
    public int watcherCount() {
        return watchers.values().stream().mapToInt(Set::size).sum();
    }

    /** Stops the market for good: no more moves, and every stream of stock states completes. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (ticking != null) {
                ticking.cancel(false);
            }
            scheduler.shutdown();
        }
        for (Set<StockSubscription> ofSymbol : watchers.values()) {
            ofSymbol.forEach(StockSubscription::complete);
            ofSymbol.clear();
        }
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("A price update was still running 5 s after the ticker closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Moves some prices once if the market is open, and pushes each move; the scheduler calls it every
     * {@link MarketSettings#interval()}, tests call it directly.
     *
     * @return the stocks that moved, in their new state, none when the market is closed
     */
    List<Stock> tick() {
        synchronized (lock) {
            if (state != MarketState.OPEN) {
                return List.of();
            }
            RandomGenerator random = settings.random();
            List<Stock> moved = new ArrayList<>();
            for (Stock stock : stocks.values()) {
                if (random.nextDouble() < MOVE_CHANCE) {
                    moved.add(move(stock, random));
                }
            }
            if (moved.isEmpty()) {
                List<Stock> all = List.copyOf(stocks.values());
                moved.add(move(all.get(random.nextInt(all.size())), random));
            }
            for (Stock stock : moved) {
                stocks.put(stock.symbol(), stock);
                broadcast("updateStockPrice " + stock.symbol(), pages -> pages.updateStockPrice(stock));
                notifyWatchers(stock);
            }
            return moved;
        }
    }

    /** A scheduled tick: a failure is logged, and must not stop later ticks as a thrown one would. */
    private void scheduledTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("Moving prices failed", e);
        }
    }

    /** {@code stock} moved up or down by at most {@link #MOVE_PERCENT} %, by at least a cent, within the band. */
    private static Stock move(Stock stock, RandomGenerator random) {
        double price = stock.price().doubleValue();
        double step = Math.max(0.01, price * MOVE_PERCENT / 100 * random.nextDouble());
        boolean up = random.nextBoolean();
        double open = stock.dayOpen().doubleValue();
        double band = open * BAND_PERCENT / 100;
        if (up && price + step > open + band || !up && price - step < open - band) {
            up = !up;
        }
        return stock.movedTo(BigDecimal.valueOf(up ? price + step : price - step));
    }

    private void notifyWatchers(Stock stock) {
        watchers.get(stock.symbol()).forEach(subscription -> subscription.offer(stock));
    }

    private void broadcast(String what, Function<StockTickerClient, CompletableFuture<Void>> call) {
        call.apply(hub.clients().all(StockTickerClient.class)).whenComplete((sent, error) -> {
            if (error != null) {
                log.warn("Broadcasting {} failed", what, error);
            }
        });
    }

    private void loadDefaultStocks() {
        stocks.clear();
        DEFAULT_STOCKS.forEach(stock -> stocks.put(stock.symbol(), stock));
    }
}
