package dev.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link HubMethod} parameter that the server's container supplies, as ASP.NET Core's
 * {@code [FromServices]}: the client sends no argument for it, and the container gives it a fresh lookup for
 * every call, so scoped and prototype services work. Add the container's qualifier for a keyed service (Guice's
 * {@code @Named} or another binding annotation, Spring's {@code @Qualifier}), as SignalR's
 * {@code [FromKeyedServices]}.
 *
 * <p>The mark is needed only where the container would not recognize the parameter on its own: unless
 * {@link HubOptions#disableImplicitFromServicesParameters()}, a parameter whose type the container has a
 * service for is one without it (Guice: an explicit binding of its key; Spring: a bean of an application type).
 * Which parameters are services is decided once, when the server is built; a marked parameter the container
 * cannot supply, or one that is also an uploaded stream ({@code Flow.Publisher}), fails the start, naming the
 * hub, the method and the parameter.
 *
 * <pre>{@code
 * @HubMethod
 * public String send(String text, @FromServices Clock clock) { ... }
 * // Java client: connection.invoke(String.class, "send", "hello")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface FromServices {
}
