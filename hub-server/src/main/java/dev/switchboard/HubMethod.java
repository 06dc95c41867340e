package dev.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public hub method that clients may invoke. Clients call it by its Java name, or by
 * {@link #value()} when given; names match case-insensitively, as in SignalR. Two methods of one hub
 * with the same name are a start-up error.
 *
 * <p>Parameters are bound from the invocation's JSON arguments with Jackson. The method may return
 * nothing, a value, or a {@link java.util.concurrent.CompletableFuture} whose value becomes the result.
 *
 * <p>A method declared to return a {@link java.util.concurrent.Flow.Publisher Flow.Publisher&lt;T&gt;}, a
 * {@link java.util.stream.Stream Stream&lt;T&gt;} (or {@code IntStream}, {@code LongStream}, ...), an
 * {@link java.util.Iterator Iterator&lt;T&gt;}, or a {@code CompletableFuture} of one of these, streams:
 * clients call it with {@code stream(...)} and get each item as it comes, then the end. Items are
 * requested one at a time, only as fast as the client takes them, so a slow client holds the stream
 * back rather than filling memory; the connection's other calls run meanwhile. When the client
 * cancels or disconnects, the publisher's subscription is cancelled, or the {@code Stream} (or an
 * {@code Iterator} that is {@link AutoCloseable}) is closed, as it is once drained. An error from the
 * publisher (or the iterator) ends the stream with an error for the client, worded as for a failed
 * call. A {@code Stream} or {@code Iterator} is read on the hub threads, so one whose next item has to
 * wait holds a hub thread meanwhile: for items that come over time, return a {@code Publisher}.
 * Streaming methods answer only {@code stream(...)}; an {@code invoke} of one is refused with an error.
 *
 * <pre>{@code
 * @HubMethod
 * public Stream<String> lines(int count) {
 *     return IntStream.range(0, count).mapToObj(i -> "line " + i);
 * }
 * // Java client: connection.stream(String.class, "lines", 3).subscribe(System.out::println);
 * }</pre>
 *
 * <p>A parameter of type {@link java.util.concurrent.Flow.Publisher Flow.Publisher&lt;T&gt;} receives a
 * stream the client uploads (an {@code Observable} or {@code Subject} argument in the official clients);
 * the JSON arguments fill the other parameters in order, and the client's streams the publisher
 * parameters in order. Items are bound to {@code T} as they arrive and wait, up to
 * {@link HubOptions#streamBufferCapacity()} of them, for the one subscriber to request them; every
 * signal comes on the hub threads. A client that sends more than that ends the stream with an error. An
 * error the client sends, a bad item, or the connection closing ends it with a {@link HubException}.
 * While such a method waits for its items, the connection's later calls run. As in SignalR, the streams
 * end with the call: return a {@code CompletableFuture} that completes once you are done reading (or,
 * for a streaming method, a stream that ends then), since the client's later items are ignored after.
 *
 * <pre>{@code
 * @HubMethod
 * public CompletableFuture<Integer> sum(Flow.Publisher<Integer> numbers) { ... }
 * // Java client: connection.invoke(Integer.class, "sum", Observable.just(1, 2, 3))
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HubMethod {

    /** {@return the name clients invoke; the Java method name when empty} */
    String value() default "";
}
