package dev.switchboard.client;

import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** The hub the JavaScript clients' upload tests call: its methods take streams from the client. */
public class UploadTestHub extends Hub {

    @HubMethod
    public CompletableFuture<Integer> sum(Flow.Publisher<Integer> numbers) {
        return collect(numbers).thenApply(all -> all.stream().mapToInt(Integer::intValue).sum());
    }

    @HubMethod
    public CompletableFuture<String> join(String separator, Flow.Publisher<String> words) {
        return collect(words).thenApply(all -> String.join(separator, all));
    }

    /** A plain call, to show that the connection's calls go on while an upload is open. */
    @HubMethod
    public int add(int a, int b) {
        return a + b;
    }

    /** Duplex: each uploaded word comes back in upper case as it arrives. */
    @HubMethod
    public Flow.Publisher<String> upper(Flow.Publisher<String> words) {
        return subscriber -> words.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(String item) {
                subscriber.onNext(item.toUpperCase());
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

    /** For a fire-and-forget send: calls {@code joined(text)} on the caller once the upload completes. */
    @HubMethod
    public CompletableFuture<Void> joinAndTell(Flow.Publisher<String> words) {
        return collect(words).thenCompose(all -> clients().caller().send("joined", String.join("", all)));
    }

    private static <T> CompletableFuture<List<T>> collect(Flow.Publisher<T> source) {
        CompletableFuture<List<T>> all = new CompletableFuture<>();
        source.subscribe(new Flow.Subscriber<>() {
            private final List<T> items = new ArrayList<>();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
                items.add(item);
            }

            @Override
            public void onError(Throwable failure) {
                all.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                all.complete(items);
            }
        });
        return all;
    }
}
