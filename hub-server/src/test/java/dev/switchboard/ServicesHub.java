package dev.switchboard;

import com.google.inject.AbstractModule;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A hub whose methods take services from Guice besides the client's arguments, for {@link HubMethodServicesTest}
 * and its Node script ({@code src/test/node/services.mjs}).
 */
public class ServicesHub extends Hub {

    /** A registered service: bound in {@link #MODULE}, so a parameter of this type is one without a mark. */
    public record Greeter(String greeting) {
        String greet(String name) {
            return greeting + ", " + name;
        }
    }

    /** Made anew for each call: Guice makes it just in time, so only a marked parameter is one. */
    public static class CallNumber {
        private static final AtomicInteger MADE = new AtomicInteger();
        final int value = MADE.incrementAndGet();
    }

    /** The services: a plain Greeter and a keyed one. */
    public static final AbstractModule MODULE = new AbstractModule() {
        @Override
        protected void configure() {
            bind(Greeter.class).toInstance(new Greeter("Hello"));
            bind(Greeter.class).annotatedWith(Names.named("loud")).toInstance(new Greeter("HEY"));
        }
    };

    @HubMethod
    public String greet(String name, Greeter greeter) {
        return greeter.greet(name);
    }

    @HubMethod
    public String shout(@FromServices @Named("loud") Greeter greeter, String name) {
        return greeter.greet(name);
    }

    /** Two calls answer with two numbers, since the service is supplied per call. */
    @HubMethod
    public int callNumber(@FromServices CallNumber first, @FromServices CallNumber second) {
        return second.value - first.value == 1 ? second.value : -1;
    }

    @HubMethod
    public Stream<String> greetAll(Greeter greeter, int count) {
        return Stream.iterate(1, i -> i + 1).limit(count).map(i -> greeter.greet("#" + i));
    }

    /** An upload beside a service: the client sends the stream only. */
    @HubMethod
    public CompletableFuture<String> greetEach(Flow.Publisher<String> names, Greeter greeter) {
        CompletableFuture<String> all = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        names.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String name) {
                text.append(greeter.greet(name)).append('.');
            }

            @Override
            public void onError(Throwable error) {
                all.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                all.complete(text.toString());
            }
        });
        return all;
    }
}
