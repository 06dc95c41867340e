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
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HubMethod {

    /** The name clients invoke; the Java method name when empty. */
    String value() default "";
}
