package dev.switchboard;

/**
 * Runs around every hub method call and around each connection's {@link Hub#onConnected()} and
 * {@link Hub#onDisconnected(Throwable)}: for logging, validation, rate limiting and the like, as SignalR's
 * {@code IHubFilter}. Each method has a default that only calls {@code next}, so a filter overrides just
 * what it needs.
 *
 * <p><b>Registration and order.</b> Filters are registered on {@link HubServer.Builder}: for every hub with
 * {@link HubServer.Builder#filter(Class) HubServer.Builder.filter(Class)}, or for one hub class with
 * {@link HubServer.Builder#filter(Class, Class) HubServer.Builder.filter(Class, Class)}. The filters for every
 * hub run first, in the order they were registered, then the hub's own, also in registration order; the first
 * runs outermost. Filters registered by class come from the server's Guice injector for each use: bind one as a
 * singleton to share it, leave it unscoped to get a fresh one per call. A filter class Guice cannot create fails
 * {@link HubServer.Builder#build()}.
 *
 * <p><b>Results.</b> {@link #invokeMethod} is synchronous and runs on the hub's thread for the call:
 * {@code next} returns what the hub method returned, that is its value, {@code null} for a {@code void}
 * method, a {@code CompletionStage} for an asynchronous one, or the {@code Flow.Publisher}, {@code Stream} or
 * {@code Iterator} of a streaming method (the filter runs around the call that produces the stream, not
 * around its items). A filter that wants to act when an asynchronous result is ready composes on the
 * returned stage.
 *
 * <p><b>Short-circuiting.</b> A filter stops a call by not calling {@code next}: it either throws, and a
 * {@link HubException}'s message reaches the caller in the error completion as if the hub method had thrown
 * it; or it returns a value in the method's place. For an asynchronous method a plain value is taken as the
 * stage's result; for a streaming method return a stream, such as {@code Stream.empty()}. A filter that
 * throws from {@link #onConnected} refuses the connection, which closes with an error as when
 * {@link Hub#onConnected()} throws; one that does not call {@code next} there skips the hub's
 * {@code onConnected}.
 *
 * <p>A logging filter; the arguments are the client's choice, so they are escaped with {@link LogSafe}:
 * <pre>{@code
 * public class LoggingFilter implements HubFilter {
 *     private static final Logger log = LoggerFactory.getLogger(LoggingFilter.class);
 *
 *     @Override
 *     public Object invokeMethod(HubInvocationContext call, InvocationNext next) throws Exception {
 *         log.info("{} calls {}{}", call.context().connectionId(), call.hubMethodName(),
 *                 LogSafe.escape(call.arguments()));
 *         return next.invoke(call);
 *     }
 * }
 * }</pre>
 *
 * <p>A rate limit of ten calls a second per connection, one instance for the server:
 * <pre>{@code
 * @Singleton
 * public class RateLimitFilter implements HubFilter {
 *     private static final class Window {
 *         long start = System.nanoTime();
 *         int calls;
 *     }
 *
 *     private final Map<String, Window> windows = new ConcurrentHashMap<>();
 *
 *     @Override
 *     public Object invokeMethod(HubInvocationContext call, InvocationNext next) throws Exception {
 *         // A connection's calls run one at a time by default, so its window needs no lock (with
 *         // maximumParallelInvocationsPerClient above 1 it would).
 *         Window window = windows.computeIfAbsent(call.context().connectionId(), id -> new Window());
 *         long now = System.nanoTime();
 *         if (now - window.start > TimeUnit.SECONDS.toNanos(1)) {
 *             window.start = now;
 *             window.calls = 0;
 *         }
 *         if (++window.calls > 10) {
 *             throw new HubException("Too many calls: at most 10 a second");
 *         }
 *         return next.invoke(call);
 *     }
 *
 *     @Override
 *     public void onDisconnected(HubLifetimeContext connection, Throwable exception, DisconnectedNext next)
 *             throws Exception {
 *         windows.remove(connection.context().connectionId());
 *         next.run(connection, exception);
 *     }
 * }
 *
 * HubServer.builder().hub("/chat", ChatHub.class)
 *         .filter(LoggingFilter.class)                    // every hub
 *         .filter(ChatHub.class, RateLimitFilter.class)   // ChatHub only
 *         .build();
 * }</pre>
 */
public interface HubFilter {

    /** The rest of the pipeline around a hub method: the next filter, or the method itself. */
    @FunctionalInterface
    interface InvocationNext {

        /**
         * Runs the rest of the pipeline.
         *
         * @param context the call, this filter's or one of its own
         * @return what the hub method returned
         * @throws Exception what the hub method or a later filter threw
         */
        Object invoke(HubInvocationContext context) throws Exception;
    }

    /** The rest of the pipeline around a connect: the next filter, or {@link Hub#onConnected()}. */
    @FunctionalInterface
    interface ConnectedNext {

        /**
         * Runs the rest of the pipeline.
         *
         * @param context the connection
         * @throws Exception what {@link Hub#onConnected()} or a later filter threw
         */
        void run(HubLifetimeContext context) throws Exception;
    }

    /** The rest of the pipeline around a disconnect: the next filter, or {@link Hub#onDisconnected(Throwable)}. */
    @FunctionalInterface
    interface DisconnectedNext {

        /**
         * Runs the rest of the pipeline.
         *
         * @param context the connection
         * @param exception what the hub will be told ended the connection, or null for a normal close
         * @throws Exception what {@link Hub#onDisconnected(Throwable)} or a later filter threw
         */
        void run(HubLifetimeContext context, Throwable exception) throws Exception;
    }

    /**
     * Runs around one hub method call, the fire-and-forget and streaming kinds included.
     *
     * @param context the call
     * @param next the rest of the pipeline; not calling it skips the hub method
     * @return what the hub method returned, or a value in its place
     * @throws Exception to fail the call; a {@link HubException}'s message reaches the caller
     */
    default Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
        return next.invoke(context);
    }

    /**
     * Runs around {@link Hub#onConnected()}.
     *
     * @param context the connection
     * @param next the rest of the pipeline; not calling it skips {@link Hub#onConnected()}
     * @throws Exception to refuse the connection, which closes with an error
     */
    default void onConnected(HubLifetimeContext context, ConnectedNext next) throws Exception {
        next.run(context);
    }

    /**
     * Runs around {@link Hub#onDisconnected(Throwable)}; what it throws is logged.
     *
     * @param context the connection
     * @param exception why the connection ended, or null when it closed normally
     * @param next the rest of the pipeline; not calling it skips {@link Hub#onDisconnected(Throwable)}
     * @throws Exception when the filter fails; it is logged, and the connection is gone all the same
     */
    default void onDisconnected(HubLifetimeContext context, Throwable exception, DisconnectedNext next)
            throws Exception {
        next.run(context, exception);
    }
}
