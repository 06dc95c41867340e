package dev.switchboard.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Maps a {@link dev.switchboard.Hub} at a path of the application's own port, as ASP.NET Core's
 * {@code MapHub<THub>(path)} does:
 *
 * <pre>{@code
 * @MapHub("/chat")
 * public class ChatHub extends Hub {
 *     private final RoomService room;
 *
 *     public ChatHub(RoomService room) {      // any bean, by constructor injection
 *         this.room = room;
 *     }
 *
 *     @HubMethod
 *     public void send(String text) {
 *         clients().all().send("message", context().userIdentifier(), room.censor(text));
 *     }
 * }
 * }</pre>
 *
 * <p>The class becomes a component found by component scanning, of prototype scope: a hub is made for every
 * call, as SignalR makes them, so it must keep nothing between calls in its fields. The hub's
 * {@link dev.switchboard.HubContext HubContext&lt;ChatHub&gt;} can then be injected into any bean.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public @interface MapHub {

    /**
     * The hub's path on the application's port, relative to its context path, such as {@code /chat}; clients
     * negotiate at {@code /chat/negotiate}. The same as {@link #path()}; not the bean's name, which is the
     * class's, as for any component.
     *
     * @return the path
     */
    @AliasFor("path")
    String value() default "";

    /**
     * The hub's path, as {@link #value()}.
     *
     * @return the path
     */
    @AliasFor("value")
    String path() default "";
}
