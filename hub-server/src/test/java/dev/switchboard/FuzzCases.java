package dev.switchboard;

import java.util.Random;

/**
 * One fuzz worker's cases, made in order from one {@link Random} seeded from the run's seed and the worker's
 * number: each case's channel is drawn, then its mutant made, whether or not the case is then sent. So a seed
 * and a worker's case number ({@code W:I}) replay any case of any channel.
 *
 * <p>Workers 0 to {@value #WORKERS} - 1 share their time between the channels that answer at once: SignalR
 * payloads over WebSockets, long polling and Server-Sent Events, WebSocket framing, and HTTP requests. Workers
 * {@value #WORKERS} and up send only requests that leave the server waiting ({@link Channel#HTTP_TIMING}), which
 * take seconds each and cost the machine little.
 */
final class FuzzCases {

    /** Where a case is sent, and which of its parts is mutated. */
    enum Channel { WEB_SOCKETS, LONG_POLLING, SERVER_SENT_EVENTS, WEB_SOCKET_FRAMES, HTTP_REQUESTS, HTTP_TIMING }

    /** One case: a {@link FrameMutator.Mutant}, {@link WebSocketFrameMutator.WireMutant} or {@link HttpMutant}. */
    record Case(Channel channel, Object mutant) {
        String describe() {
            if (mutant instanceof FrameMutator.Mutant payload) {
                return payload.describe();
            }
            if (mutant instanceof WebSocketFrameMutator.WireMutant wire) {
                return wire.describe();
            }
            return ((HttpMutant) mutant).describe();
        }
    }

    static final int WORKERS = 4;
    static final int TIMING_WORKERS = 2;

    private final boolean timing;
    private final Random random;
    private final FrameMutator payloads;
    private final WebSocketFrameMutator frames;
    private final HttpRequestMutator requests;
    private final HttpTimingMutator delays;

    FuzzCases(long seed, int worker) {
        this.timing = worker >= WORKERS;
        this.random = new Random(seed * 31 + worker);
        this.payloads = new FrameMutator(random);
        this.frames = new WebSocketFrameMutator(random);
        this.requests = new HttpRequestMutator(random);
        this.delays = new HttpTimingMutator(random);
    }

    /** The next case: payloads over WebSockets and WebSocket framing a quarter of the time each. */
    Case next() {
        if (timing) {
            return new Case(Channel.HTTP_TIMING, delays.next());
        }
        return switch (random.nextInt(8)) {
            case 0, 1 -> new Case(Channel.WEB_SOCKETS, payloads.next());
            case 2 -> new Case(Channel.LONG_POLLING, payloads.next());
            case 3 -> new Case(Channel.SERVER_SENT_EVENTS, payloads.next());
            case 4, 5 -> new Case(Channel.WEB_SOCKET_FRAMES, frames.next());
            default -> new Case(Channel.HTTP_REQUESTS, requests.next());
        };
    }
}
