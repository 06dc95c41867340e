package dev.switchboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.fixtures.TestHub;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The hub the frame fuzzer mutates calls to. Every method ends within milliseconds whatever its arguments,
 * even when a mutant repeats it hundreds of times, so a connection that stops answering is the server's
 * doing, never calls still legitimately running.
 */
public class FuzzHub extends Hub {

    private static final int MAX_ITEMS = 20;
    private static final long WAIT_MILLIS = 10;

    @HubMethod
    public int add(int a, int b) {
        return a + b;
    }

    @HubMethod
    public String echo(String value) {
        return value;
    }

    @HubMethod
    public JsonNode echoNode(JsonNode node) {
        return node;
    }

    @HubMethod
    public TestHub.Point echoPoint(TestHub.Point point) {
        return point;
    }

    @HubMethod
    public List<Integer> echoList(List<Integer> values) {
        return values;
    }

    @HubMethod
    public CompletableFuture<String> later(String value) {
        return CompletableFuture.supplyAsync(() -> value,
                CompletableFuture.delayedExecutor(WAIT_MILLIS, TimeUnit.MILLISECONDS));
    }

    @HubMethod
    public void fail(String message) {
        throw new HubException(message);
    }

    @HubMethod
    public IntStream range(int count) {
        return IntStream.range(0, Math.min(count, MAX_ITEMS));
    }

    /** Sums an upload; -1 when the client does not end it soon, rather than holding the connection's calls. */
    @HubMethod
    public CompletableFuture<Integer> sum(Flow.Publisher<Integer> numbers) {
        CompletableFuture<Integer> total = new CompletableFuture<>();
        numbers.subscribe(new Flow.Subscriber<>() {
            private int sum;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer item) {
                sum += item == null ? 0 : item;
            }

            @Override
            public void onError(Throwable error) {
                total.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                total.complete(sum);
            }
        });
        return total.completeOnTimeout(-1, WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Puts the caller in {@code group}: the bystanders chat there, apart from the fuzz connections. */
    @HubMethod
    public void join(String group) {
        groups().add(context().connectionId(), group);
    }

    /** Sends {@code text} to everyone in {@code group}, the caller included. */
    @HubMethod
    public void say(String group, String text) {
        clients().group(group).send("heard", text);
    }

    /** Asks the caller for a number; -1 when it answers with an error or not soon (the question stays open). */
    @HubMethod
    public CompletableFuture<Integer> ask() {
        return clients().caller().invoke(Integer.class, "question").exceptionally(error -> -1)
                .completeOnTimeout(-1, WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
