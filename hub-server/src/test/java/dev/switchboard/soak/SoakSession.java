package dev.switchboard.soak;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One connection's life in the churn: a transport (mostly WebSockets), a user, a group to join, a few calls
 * that must succeed, and one of five endings. Every choice is drawn up front from the session's own seed.
 */
final class SoakSession {

    /** How long anything meant to succeed may take before it counts as failed; generous for a shared machine. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int USERS = 40;
    private static final int GROUPS = 25;

    enum Ending { CLEAN, ABORT, MID_INVOCATION, MID_STREAM, JOIN_AND_VANISH }

    private final SoakClient client;
    private final SoakStats stats;
    private final Ending ending;
    private final String group;
    private final List<Function<SoakClient, CompletableFuture<?>>> calls = new ArrayList<>();
    private final boolean stopAtEnd;
    private final int lateMillis;

    private SoakSession(HttpClient http, String base, SoakStats stats, Random random) {
        this.stats = stats;
        String user = "user-" + random.nextInt(USERS);
        double transport = random.nextDouble();
        if (transport < 0.7) {
            client = new WebSocketSoakClient(http, base, user, stats);
            stats.webSockets.increment();
        } else if (transport < 0.85) {
            client = new EventStreamSoakClient(http, base, user, stats);
            stats.eventStreams.increment();
        } else {
            client = new LongPollingSoakClient(http, base, user, stats);
            stats.longPolling.increment();
        }
        double end = random.nextDouble();
        ending = end < 0.4 ? Ending.CLEAN : end < 0.6 ? Ending.ABORT : end < 0.75 ? Ending.MID_INVOCATION
                : end < 0.9 ? Ending.MID_STREAM : Ending.JOIN_AND_VANISH;
        group = "group-" + random.nextInt(GROUPS);
        int count = ending == Ending.JOIN_AND_VANISH ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            calls.add(call(random));
        }
        stopAtEnd = random.nextBoolean();
        lateMillis = 100 + random.nextInt(400);
    }

    /** Runs a session; completes when it is over, whatever happened, having counted what failed. */
    static CompletableFuture<Void> run(HttpClient http, String base, SoakStats stats, Random random) {
        return new SoakSession(http, base, stats, random).run();
    }

    private CompletableFuture<Void> run() {
        CompletableFuture<?> steps = step(client.open(), "connect")
                .thenCompose(v -> expect(client.invoke("join", group)));
        for (Function<SoakClient, CompletableFuture<?>> call : calls) {
            steps = steps.thenCompose(v -> expect(call.apply(client)));
        }
        return steps.thenCompose(v -> end()).handle((v, failure) -> {
            if (failure != null) {
                client.abort();
            }
            return null;
        });
    }

    /** One call meant to succeed: an echo, a send to a group, a user, the others or all, or a short stream. */
    private Function<SoakClient, CompletableFuture<?>> call(Random random) {
        int kind = random.nextInt(100);
        int value = random.nextInt(1000);
        String user = "user-" + random.nextInt(USERS);
        if (kind < 35) {
            return c -> c.invoke("echo", value).thenAccept(result -> check(result.asInt() == value, "echo " + result));
        } else if (kind < 60) {
            return c -> c.invoke("toGroup", group, "to " + group);
        } else if (kind < 80) {
            return c -> c.invoke("toUser", user, "to " + user);
        } else if (kind < 90) {
            return c -> c.stream(5, "numbers", 5).done();
        } else if (kind < 95) {
            return c -> c.invoke("toOthers", "to others");
        }
        return c -> c.invoke("toAll", "to all");
    }

    private CompletableFuture<Void> end() {
        switch (ending) {
            case CLEAN -> stats.clean.increment();
            case ABORT -> stats.aborted.increment();
            case MID_INVOCATION -> stats.midInvocation.increment();
            case MID_STREAM -> stats.midStream.increment();
            case JOIN_AND_VANISH -> stats.joinedAndVanished.increment();
        }
        return switch (ending) {
            case CLEAN -> stop();
            case ABORT, JOIN_AND_VANISH -> {
                client.abort();
                yield CompletableFuture.completedFuture(null);
            }
            case MID_INVOCATION -> {
                CompletableFuture<Void> started = client.invoked("started");
                client.invokeAndForget("late", lateMillis);
                yield step(started, "late call started").thenCompose(v -> leave());
            }
            case MID_STREAM -> step(client.stream(3, "numbers", 1000).seen(), "three stream items")
                    .thenCompose(v -> leave());
        };
    }

    private CompletableFuture<Void> leave() {
        if (stopAtEnd) {
            return stop();
        }
        client.abort();
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> stop() {
        return step(client.stop(), "stop");
    }

    /** A call meant to succeed: an error completion, the connection ending or no answer in time fail it. */
    private CompletableFuture<Void> expect(CompletableFuture<?> call) {
        stats.invocations.increment();
        return call.orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, failure) -> {
            if (failure != null) {
                stats.failedInvocations.increment();
                stats.failure(ending + " session, call: " + failure);
            }
        }).thenApply(v -> null);
    }

    /** Any other step of the session that must happen: connecting, leaving, the signal to leave on. */
    private CompletableFuture<Void> step(CompletableFuture<?> step, String what) {
        return step.orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, failure) -> {
            if (failure != null) {
                stats.failedConnections.increment();
                stats.failure(ending + " session, " + what + ": " + failure);
            }
        }).thenApply(v -> null);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("unexpected " + what);
        }
    }
}
