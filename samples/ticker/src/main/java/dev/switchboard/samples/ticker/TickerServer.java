package dev.switchboard.samples.ticker;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import java.io.IOException;

/**
 * The stock ticker's server: the hub at {@code /ticker}, the page at {@code /}, and the {@link StockTicker}
 * that moves the prices, which stops with the server.
 */
public final class TickerServer implements AutoCloseable {

    private final HubServer server;
    private final StockTicker ticker;
    private final boolean openAtStart;

    private TickerServer(HubServer server, StockTicker ticker, boolean openAtStart) {
        this.server = server;
        this.ticker = ticker;
        this.openAtStart = openAtStart;
    }

    /** A server, not yet started, with a market of its own, as the command line asks. */
    public static TickerServer create(TickerOptions options) {
        // Each server gets its own injector, hence its own StockTicker singleton.
        Injector injector = injector(options.marketSettings());
        HubServer server = HubServer.builder()
                .port(options.port())
                .hub("/ticker", TickerHub.class)
                .injector(injector)
                .staticResources("static")
                .build();
        return new TickerServer(server, injector.getInstance(StockTicker.class), options.openAtStart());
    }

    /** An injector whose {@link StockTicker} moves as {@code settings} say and pushes to {@link TickerHub}. */
    static Injector injector(MarketSettings settings) {
        return Guice.createInjector(new SwitchboardModule(TickerHub.class), new AbstractModule() {
            @Override
            protected void configure() {
                bind(MarketSettings.class).toInstance(settings);
            }
        });
    }

    /** Binds the port, then opens the market if the options said so. */
    public TickerServer start() throws IOException {
        server.start();
        if (openAtStart) {
            ticker.openMarket();
        }
        return this;
    }

    /** Waits until the server is closed: see {@link HubServer#join()}. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** The port the server listens on; the one chosen when created with port 0. */
    public int port() {
        return server.port();
    }

    /** The market this server pushes. */
    public StockTicker ticker() {
        return ticker;
    }

    /** Stops the market, then the server. */
    @Override
    public void close() {
        ticker.close();
        server.close();
    }
}
