package dev.switchboard.bench.footprint;

import dev.switchboard.bench.load.Dialect;
import dev.switchboard.bench.run.Sender;
import dev.switchboard.bench.run.ServerProcess;
import dev.switchboard.bench.run.Workers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a sample's clients do: connect and join as its page does, then the work its page asks of the
 * server. The chat broadcasts to everyone; the ticker pushes its prices to everyone; the echo sample
 * answers invocations.
 */
abstract class Workload implements AutoCloseable {

    /** How long a chat fan-out may go without a delivery before the missing ones count as lost. */
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(10);

    protected final FootprintOptions options;

    private Workload(FootprintOptions options) {
        this.options = options;
    }

    static Workload of(FootprintOptions options) {
        return switch (options.sample()) {
            case "chat" -> new Chat(options);
            case "ticker" -> new Ticker(options);
            default -> new Echo(options);
        };
    }

    /** The load generator's dialect: the hub's path and the invocation that joins, as the sample's page makes. */
    abstract String dialect();

    /** What {@link #run} does, for the report. */
    abstract String description();

    /** Connects every client over WebSockets, each joining as the sample's page does. */
    void connect(ServerProcess server, Workers workers) throws Exception {
        workers.open(dialect(), "ws", server.address(), options.clients());
    }

    /** Runs the workload once every client has joined. */
    abstract Outcome run(Workers workers) throws Exception;

    @Override
    public void close() {
    }

    /**
     * What the clients saw.
     *
     * @param summary  for the report
     * @param complete whether nothing was lost or failed
     * @param seconds  from the first request to the last delivery
     */
    record Outcome(String summary, boolean complete, double seconds) {
    }

    /** The chat: every client joins with a nickname, then one more broadcasts to them all. */
    private static final class Chat extends Workload {

        private Sender sender;

        Chat(FootprintOptions options) {
            super(options);
        }

        @Override
        String dialect() {
            return "signalr";
        }

        @Override
        String description() {
            return String.format("each client invokes join(nickname) on /chat, as the page does (the server answers "
                    + "with everyone's nickname and announces it to the others); then one more client sends %d "
                    + "messages of %d characters, at most %d unanswered, and each is broadcast to all",
                    options.messages(), options.size(), options.window());
        }

        @Override
        void connect(ServerProcess server, Workers workers) throws Exception {
            super.connect(server, workers);
            sender = new Sender(Dialect.named(dialect()), List.of(server.address()), options.window());
        }

        @Override
        Outcome run(Workers workers) throws Exception {
            workers.reset();
            long start = System.nanoTime();
            sender.burst(options.messages(), options.size());
            long expected = (long) options.clients() * options.messages();
            workers.awaitDelivered(expected, QUIET_LIMIT);
            Workers.Received received = workers.received();
            return new Outcome(String.format("%,d of %,d delivered, %d connections lost", received.delivered(),
                    expected, received.lostConnections()),
                    received.delivered() == expected && received.lostConnections() == 0,
                    (received.lastNanos() - start) / 1e9);
        }

        @Override
        public void close() {
            if (sender != null) {
                sender.close();
            }
        }
    }

    /** The stock ticker: every client loads the market as the page does, then watches the prices move. */
    private static final class Ticker extends Workload {

        Ticker(FootprintOptions options) {
            super(options);
        }

        @Override
        String dialect() {
            return "signalr:/ticker:getAllStocks()";
        }

        @Override
        String description() {
            return String.format("each client invokes getAllStocks() on /ticker, as the page does; then the market "
                    + "ticks for %d s, each move pushed to every client", options.seconds());
        }

        @Override
        Outcome run(Workers workers) throws Exception {
            workers.reset();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(options.seconds());
            long lost = workers.received().lostConnections();
            return new Outcome(lost + " connections lost", lost == 0, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The echo sample's hub: every client invokes echo once to join, then some invoke it again and again. */
    private static final class Echo extends Workload {

        Echo(FootprintOptions options) {
            super(options);
        }

        @Override
        String dialect() {
            return "signalr:/hub:echo";
        }

        @Override
        String description() {
            return String.format("each client invokes echo(nickname) on /hub; then %d of them invoke echo with 32 "
                    + "characters and await the answer, again and again, for %d s", options.active(),
                    options.seconds());
        }

        @Override
        Outcome run(Workers workers) throws Exception {
            workers.reset();
            long start = System.nanoTime();
            Workers.Echoed echoed = workers.echo(Math.min(options.active(), options.clients()), options.seconds());
            double seconds = (System.nanoTime() - start) / 1e9;
            long lost = workers.received().lostConnections();
            return new Outcome(String.format("%,d round trips, %d failed, %d connections lost",
                    echoed.roundTrips(), echoed.failures(), lost),
                    echoed.failures() == 0 && lost == 0 && echoed.roundTrips() > 0, seconds);
        }
    }
}
