package dev.switchboard.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.reactivex.rxjava3.disposables.Disposable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The official Java SignalR client on the ticker hub, recording what the hub pushes: stock updates in one
 * queue, market signals ({@code marketOpened}, ...) in another, each in arrival order.
 */
final class TickerClient implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 10;

    private final HubConnection connection;
    private final BlockingQueue<Stock> updates = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> signals = new LinkedBlockingQueue<>();

    /** A started client of the ticker hub on {@code port}. */
    TickerClient(int port) {
        connection = HubConnectionBuilder.create("http://localhost:" + port + "/ticker").build();
        connection.on("updateStockPrice", stock -> updates.add(stock.toStock()), ClientStock.class);
        for (String signal : List.of("marketOpened", "marketClosed", "marketReset")) {
            connection.on(signal, () -> signals.add(signal));
        }
        assertTrue(connection.start().blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS), "connected in time");
    }

    List<Stock> allStocks() {
        ClientStock[] stocks = connection.invoke(ClientStock[].class, "getAllStocks")
                .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet();
        return Arrays.stream(stocks).map(ClientStock::toStock).toList();
    }

    String marketState() {
        return connection.invoke(String.class, "getMarketState").timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .blockingGet();
    }

    /** Calls a method that returns nothing; a {@link com.microsoft.signalr.HubException} carries an error. */
    void call(String method, Object... args) {
        assertTrue(connection.invoke(method, args).blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                method + " completed in time");
    }

    /** Streams {@code symbol}'s states into {@code items}, and the stream's end or error into {@code ends}. */
    Disposable watch(String symbol, BlockingQueue<Stock> items, BlockingQueue<Object> ends) {
        return connection.stream(ClientStock.class, "streamStock", symbol)
                .subscribe(stock -> items.add(stock.toStock()), ends::add, () -> ends.add("completed"));
    }

    /** The next stock update pushed to everyone. */
    Stock nextUpdate() throws InterruptedException {
        return next(updates, "a stock update");
    }

    /** The next market signal. */
    String nextSignal() throws InterruptedException {
        return next(signals, "a market signal");
    }

    /** The updates received and not yet taken. */
    BlockingQueue<Stock> updates() {
        return updates;
    }

    static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T value = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (value == null) {
            fail("Timed out waiting for " + what);
        }
        return value;
    }

    /** Closes the connection, as a client going away does. */
    void stop() {
        assertTrue(connection.stop().blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS), "stopped in time");
    }

    @Override
    public void close() {
        connection.stop().blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** A {@link Stock} as the official client's Gson reads it: a plain class, since Gson 2.8 knows no records. */
    static final class ClientStock {
        String symbol;
        BigDecimal price;
        BigDecimal dayOpen;
        BigDecimal dayLow;
        BigDecimal dayHigh;
        BigDecimal lastChange;
        BigDecimal percentChange;

        Stock toStock() {
            return new Stock(symbol, price, dayOpen, dayLow, dayHigh, lastChange, percentChange);
        }
    }
}
