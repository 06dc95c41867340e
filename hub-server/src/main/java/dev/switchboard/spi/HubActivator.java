package dev.switchboard.spi;

import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import java.util.function.Supplier;

/**
 * Where a server's hubs and hub filters come from, as ASP.NET Core's {@code IHubActivator} and its service
 * provider: Guice on the embedded server (the default), the application's own container in another host, such
 * as the Spring Boot starter's beans. Set with {@code HubServer.Builder.activator(...)}.
 *
 * <p>Each type is resolved once, as the server is built, so that a hub or filter that cannot be made fails
 * then; the supplier is called for every hub call (a hub is made per call, as SignalR's are) and once for a
 * filter class.
 */
public interface HubActivator {

    /**
     * How to make instances of {@code type}.
     *
     * @param type a hub or hub filter class
     * @param <T> the type
     * @return a supplier of instances, called on the server's hub threads
     * @throws IllegalArgumentException when the container cannot make {@code type}, with the reason
     */
    <T> Supplier<T> provider(Class<T> type);

    /**
     * The hub context the application's services are given for {@code hubType}, so that what they send goes
     * through the same lifetime manager as the hub's calls.
     *
     * @param hubType a hub mapped on the server
     * @param <H> the hub type
     * @return a context made with {@link HubContexts#create}, or null for the server to make one that only
     *         the hub itself uses
     */
    <H extends Hub> HubContext<H> hubContext(Class<H> hubType);
}
