package dev.switchboard;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** A hub for {@link HubFilterTest}, and the filters it registers; all record what they see in a {@link Trace}. */
public class FilteredHub extends Hub {

    /** What hubs and filters saw, in order; one per test, since each test builds its own injector. */
    @Singleton
    public static class Trace {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        /** "connect" or "disconnect", once the hub's callback has run. */
        final BlockingQueue<String> lifecycle = new LinkedBlockingQueue<>();
        final BlockingQueue<String> notes = new LinkedBlockingQueue<>();
        /** Each filter instance the counting filters were, by identity. */
        final Set<Object> shared = ConcurrentHashMap.newKeySet();
        final Set<Object> fresh = ConcurrentHashMap.newKeySet();

        List<String> take() {
            synchronized (events) {
                List<String> taken = List.copyOf(events);
                events.clear();
                return taken;
            }
        }
    }

    private final Trace trace;

    @Inject
    public FilteredHub(Trace trace) {
        this.trace = trace;
    }

    @Override
    public void onConnected() {
        trace.events.add("hub connect");
        trace.lifecycle.add("connect");
    }

    @Override
    public void onDisconnected(Throwable exception) {
        trace.events.add("hub disconnect");
        trace.lifecycle.add("disconnect");
    }

    @HubMethod
    public String echo(String text) {
        trace.events.add("hub echo");
        return text;
    }

    @HubMethod
    public void note(String text) {
        trace.notes.add(text);
    }

    @HubMethod
    public String secret() {
        trace.events.add("hub secret");
        return "the secret";
    }

    @HubMethod
    public CompletableFuture<String> later(String text) {
        return CompletableFuture.supplyAsync(() -> "later " + text);
    }

    @HubMethod
    public Stream<Integer> count(int n) {
        trace.events.add("hub count");
        return IntStream.range(0, n).boxed();
    }

    /** The same hub under another class, which filters registered for {@link FilteredHub} do not see. */
    public static class Other extends FilteredHub {
        @Inject
        public Other(Trace trace) {
            super(trace);
        }
    }

    /** Records entering and leaving every call, and each connect and disconnect with its exception. */
    abstract static class Tracing implements HubFilter {
        private final Trace trace;
        private final String name;

        Tracing(Trace trace, String name) {
            this.trace = trace;
            this.name = name;
        }

        @Override
        public Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
            trace.events.add(name + " > " + context.hubMethodName());
            try {
                return next.invoke(context);
            } finally {
                trace.events.add(name + " <");
            }
        }

        @Override
        public void onConnected(HubLifetimeContext context, ConnectedNext next) throws Exception {
            trace.events.add(name + " connect");
            next.run(context);
        }

        @Override
        public void onDisconnected(HubLifetimeContext context, Throwable exception, DisconnectedNext next)
                throws Exception {
            trace.events.add(name + " disconnect " + (exception == null ? "clean" : exception.getClass().getSimpleName()));
            next.run(context, exception);
        }
    }

    public static class First extends Tracing {
        @Inject
        public First(Trace trace) {
            super(trace, "first");
        }
    }

    public static class Second extends Tracing {
        @Inject
        public Second(Trace trace) {
            super(trace, "second");
        }
    }

    public static class Own extends Tracing {
        @Inject
        public Own(Trace trace) {
            super(trace, "own");
        }
    }

    /** Refuses calls of {@code secret} as an authorization check would. */
    public static class Gate implements HubFilter {
        @Override
        public Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
            if (context.hubMethodName().equals("secret")) {
                throw new HubException("Access to secret denied");
            }
            return next.invoke(context);
        }
    }

    /** Refuses blank text arguments, and trims the others by passing on a context of its own. */
    public static class Validation implements HubFilter {
        @Override
        public Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
            List<Object> trimmed = new ArrayList<>();
            for (int i = 0; i < context.arguments().size(); i++) {
                Object argument = context.arguments().get(i);
                if (argument instanceof String text && text.isBlank()) {
                    throw new HubException("Argument " + (i + 1) + " of " + context.hubMethod().getName()
                            + " must not be blank");
                }
                trimmed.add(argument instanceof String text ? text.trim() : argument);
            }
            return next.invoke(new HubInvocationContext(context.hub(), context.context(), context.hubMethodName(),
                    context.hubMethod(), trimmed));
        }
    }

    /** Answers {@code later} itself with a plain value, though the method returns a future. */
    public static class Cache implements HubFilter {
        @Override
        public Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
            return context.hubMethodName().equals("later") ? "cached " + context.arguments().get(0)
                    : next.invoke(context);
        }
    }

    /** Refuses streams of more than ten items. */
    public static class StreamLimit implements HubFilter {
        @Override
        public Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
            if (context.hubMethodName().equals("count") && (Integer) context.arguments().get(0) > 10) {
                throw new HubException("At most 10 items");
            }
            return next.invoke(context);
        }
    }

    /** At most two calls a minute per connection; the example of {@link HubFilter}'s Javadoc, scaled down. */
    @Singleton
    public static class RateLimit implements HubFilter {
        private static final class Window {
            long start = System.nanoTime();
            int calls;
        }

        private final Map<String, Window> windows = new ConcurrentHashMap<>();

        @Override
        public Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
            Window window = windows.computeIfAbsent(context.context().connectionId(), id -> new Window());
            long now = System.nanoTime();
            if (now - window.start > TimeUnit.MINUTES.toNanos(1)) {
                window.start = now;
                window.calls = 0;
            }
            if (++window.calls > 2) {
                throw new HubException("Too many calls: at most 2 a minute");
            }
            return next.invoke(context);
        }

        @Override
        public void onDisconnected(HubLifetimeContext context, Throwable exception, DisconnectedNext next)
                throws Exception {
            windows.remove(context.context().connectionId());
            next.run(context, exception);
        }
    }

    /** Passes on a call of a method that is not the hub's. */
    public static class Redirect implements HubFilter {
        @Override
        public Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
            return next.invoke(new HubInvocationContext(context.hub(), context.context(), context.hubMethodName(),
                    Object.class.getMethod("toString"), List.of()));
        }
    }

    /** Refuses every connection. */
    public static class Doorman implements HubFilter {
        @Override
        public void onConnected(HubLifetimeContext context, ConnectedNext next) {
            throw new HubException("No entry for " + context.context().connectionId());
        }
    }

    /** One instance for the server. */
    @Singleton
    public static class SharedCounter implements HubFilter {
        private final Trace trace;

        @Inject
        public SharedCounter(Trace trace) {
            this.trace = trace;
        }

        @Override
        public Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
            trace.shared.add(this);
            return next.invoke(context);
        }
    }

    /** A new instance for each use. */
    public static class FreshCounter implements HubFilter {
        private final Trace trace;

        @Inject
        public FreshCounter(Trace trace) {
            this.trace = trace;
        }

        @Override
        public Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
            trace.fresh.add(this);
            return next.invoke(context);
        }
    }
}
