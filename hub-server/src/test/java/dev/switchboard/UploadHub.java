package dev.switchboard;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/** A hub whose methods take streams from the client, for the upload tests. */
public class UploadHub extends Hub {

    /** What the hubs of one server saw; one per test, since each test builds its own injector. */
    @Singleton
    public static class Recorder {
        /** The errors that ended uploads, by their message. */
        final BlockingQueue<String> uploadErrors = new LinkedBlockingQueue<>();
        /** Items the {@code watch} method received. */
        final BlockingQueue<Integer> watched = new LinkedBlockingQueue<>();
        /** Holds the connection's queue in {@code waitAtGate} until the test completes it. */
        final CompletableFuture<Void> gate = new CompletableFuture<>();
    }

    private final Recorder recorder;

    @Inject
    public UploadHub(Recorder recorder) {
        this.recorder = recorder;
    }

    @HubMethod
    public CompletableFuture<Integer> sum(Flow.Publisher<Integer> numbers) {
        return collect(numbers, Long.MAX_VALUE).thenApply(all -> all.stream().mapToInt(Integer::intValue).sum());
    }

    /** Arguments and streams mixed: JSON arguments bind to the other parameters in order. */
    @HubMethod
    public CompletableFuture<String> concat(String prefix, Flow.Publisher<String> first, String separator,
                                            Flow.Publisher<String> second) {
        return collect(first, 1).thenCombine(collect(second, 1),
                (a, b) -> prefix + String.join(separator, a) + separator + String.join(separator, b));
    }

    /** Duplex: each uploaded word comes back in upper case, demand passing straight through. */
    @HubMethod
    public Flow.Publisher<String> upper(Flow.Publisher<String> words) {
        return map(words, String::toUpperCase);
    }

    /** Records each item as it arrives, and the error that ends the upload; answers with the count. */
    @HubMethod
    public CompletableFuture<Integer> watch(Flow.Publisher<Integer> numbers) {
        CompletableFuture<Integer> count = new CompletableFuture<>();
        numbers.subscribe(new Flow.Subscriber<>() {
            private int received;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer item) {
                received++;
                recorder.watched.add(item);
            }

            @Override
            public void onError(Throwable failure) {
                recorder.uploadErrors.add(failure.getMessage());
                count.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                count.complete(received);
            }
        });
        return count;
    }

    /** Subscribes but never requests an item: the upload waits, and overflows if the client goes on. */
    @HubMethod
    public CompletableFuture<Integer> hold(Flow.Publisher<Integer> numbers) {
        return collect(numbers, 0).thenApply(List::size);
    }

    /** Returns at once without reading: the upload completes with the invocation, as in SignalR. */
    @HubMethod
    public void ignore(Flow.Publisher<Integer> numbers) {
    }

    @HubMethod
    public CompletableFuture<Void> waitAtGate() {
        return recorder.gate;
    }

    @HubMethod
    public int add(int a, int b) {
        return a + b;
    }

    /**
     * Every item of {@code source}, requesting {@code batch} at a time (all at once for
     * {@code Long.MAX_VALUE}, none for 0); fails as the upload does, its error recorded.
     */
    private <T> CompletableFuture<List<T>> collect(Flow.Publisher<T> source, long batch) {
        CompletableFuture<List<T>> all = new CompletableFuture<>();
        source.subscribe(new Flow.Subscriber<>() {
            private final List<T> items = new ArrayList<>();
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription given) {
                subscription = given;
                if (batch > 0) {
                    given.request(batch);
                }
            }

            @Override
            public void onNext(T item) {
                items.add(item);
                if (batch != Long.MAX_VALUE && items.size() % batch == 0) {
                    subscription.request(batch);
                }
            }

            @Override
            public void onError(Throwable failure) {
                recorder.uploadErrors.add(failure.getMessage());
                all.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                all.complete(items);
            }
        });
        return all;
    }

    private static <T, R> Flow.Publisher<R> map(Flow.Publisher<T> source, Function<T, R> mapping) {
        return subscriber -> source.subscribe(new Flow.Subscriber<T>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(T item) {
                subscriber.onNext(mapping.apply(item));
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
