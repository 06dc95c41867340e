package dev.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the strongly typed client interfaces a hub calls, so that it can write
 * {@code clients().all(ChatClient.class).message(nick, text)} instead of naming methods in strings:
 *
 * <pre>{@code
 * public interface ChatClient {
 *     void message(String nick, String text);            // sends "message"
 *     CompletableFuture<Void> joined(String nick);       // sends, completing once queued
 *     @ClientMethod("confirm")
 *     CompletableFuture<Boolean> ask(String question);   // a client result: single clients only
 * }
 *
 * @ClientInterface(ChatClient.class)
 * public class ChatHub extends Hub { ... }
 * }</pre>
 *
 * Each interface is checked when the server is built, and a mistake fails
 * {@link HubServer.Builder#build()} with an {@link IllegalArgumentException} naming the method and the rule:
 * it must be an interface; every abstract method returns {@code void}, {@code CompletableFuture<Void>} or
 * {@code CompletionStage<Void>} (a send), or {@code CompletableFuture<T>} or {@code CompletionStage<T>}
 * with a concrete {@code T} (a client result); and no two methods call the same client method, names
 * compared without case as clients match them. Default methods run as written; {@code equals},
 * {@code hashCode} and {@code toString} are answered by the proxy itself. Declarations of superclasses
 * count too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClientInterface {

    /** {@return the client interfaces the hub calls} */
    Class<?>[] value();
}
