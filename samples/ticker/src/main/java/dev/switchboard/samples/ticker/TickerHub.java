package dev.switchboard.samples.ticker;

import dev.switchboard.ClientInterface;
import dev.switchboard.Hub;
import dev.switchboard.HubException;
import dev.switchboard.HubMethod;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Flow;

/**
 * The stock ticker hub, mapped at {@code /ticker}: a thin face on the {@link StockTicker} service, which
 * does the pushing.
 *
 * <p>The client methods it calls are those of {@link StockTickerClient}.
 */
@ClientInterface(StockTickerClient.class)
public class TickerHub extends Hub {

    private final StockTicker ticker;

    /** A hub for one call, on the server's one market. */
    @Inject
    public TickerHub(StockTicker ticker) {
        this.ticker = ticker;
    }

    /** Every stock's current state, in symbol order. */
    @HubMethod
    public List<Stock> getAllStocks() {
        return ticker.allStocks();
    }

    /** Whether prices are moving: {@code "OPEN"} or {@code "CLOSED"}. */
    @HubMethod
    public MarketState getMarketState() {
        return ticker.marketState();
    }

    /** Starts moving prices; everyone is told with {@code marketOpened()}. */
    @HubMethod
    public void openMarket() {
        ticker.openMarket();
    }

    /** Stops moving prices; everyone is told with {@code marketClosed()}. */
    @HubMethod
    public void closeMarket() {
        ticker.closeMarket();
    }

    /** Puts every price back to its opening one; everyone is told with {@code marketReset()}. */
    @HubMethod
    public void reset() {
        try {
            ticker.reset();
        } catch (IllegalStateException e) {
            throw new HubException(e.getMessage());
        }
    }

    /**
     * Streams one stock: its current state at once, then each change, until the caller cancels or leaves.
     * The symbol is matched ignoring case and surrounding blanks.
     */
    @HubMethod
    public Flow.Publisher<Stock> streamStock(String symbol) {
        String wanted = symbol == null ? "" : symbol.trim().toUpperCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            throw new HubException("A stock symbol is required");
        }
        if (!ticker.symbols().contains(wanted)) {
            throw new HubException("Unknown stock symbol '" + wanted + "': the symbols are "
                    + String.join(", ", ticker.symbols()));
        }
        return ticker.watch(wanted);
    }
}
