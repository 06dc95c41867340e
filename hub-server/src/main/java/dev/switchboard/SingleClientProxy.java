package dev.switchboard;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;

/**
 * One connection, which can also answer: {@link #invoke} calls a client method and completes with the
 * value its handler returns, as SignalR's client results do (the official clients answer from
 * {@code onWithResult} in Java, or from an {@code on} handler that returns a value or a promise in
 * JavaScript).
 *
 * <pre>{@code
 * @HubMethod
 * public CompletableFuture<String> confirm(String question) {
 *     return clients().caller().invoke(String.class, "confirm", question);
 * }
 * }</pre>
 *
 * <p>The returned future completes on the thread that read the answer, or that noticed the timeout: run
 * slow or blocking work that follows it with an {@code ...Async} stage. A hub method may return it, or
 * even block on it: the answer does not wait behind the connection's hub calls.
 */
public interface SingleClientProxy extends ClientProxy {

    /**
     * Invokes {@code method} on the client and binds its answer to {@code resultType} with the hub's
     * {@code ObjectMapper}.
     *
     * @param <T> the result's type
     * @param resultType the class the result is bound to
     * @param method the client method, as the client registers its handler
     * @param args its arguments, serialized with the hub's {@code ObjectMapper}
     * @return completes with the client's result; fails with a {@link HubException} carrying the client's
     *         error (such as {@code "Client didn't provide a result."} when it has no handler for
     *         {@code method}) or naming a result that cannot be bound, with a
     *         {@link java.util.concurrent.TimeoutException} when no answer comes within
     *         {@link HubOptions#clientResultTimeout()}, and with an {@link java.io.IOException} when the
     *         connection does not exist or ends before answering
     */
    default <T> CompletableFuture<T> invoke(Class<T> resultType, String method, Object... args) {
        return invoke((Type) resultType, method, args);
    }

    /**
     * As {@link #invoke(Class, String, Object...)}, for a generic result type such as
     * {@code List<String>}: pass a {@link java.lang.reflect.ParameterizedType}, or a Jackson
     * {@code JavaType} or {@code TypeReference.getType()}.
     *
     * @param <T> the result's type
     * @param resultType the type the result is bound to
     * @param method the client method, as the client registers its handler
     * @param args its arguments, serialized with the hub's {@code ObjectMapper}
     * @return completes with the client's result, or fails as {@link #invoke(Class, String, Object...)} does
     */
    <T> CompletableFuture<T> invoke(Type resultType, String method, Object... args);
}
