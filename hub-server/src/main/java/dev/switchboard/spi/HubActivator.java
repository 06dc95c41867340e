package dev.switchboard.spi;

import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import java.lang.reflect.Parameter;
import java.util.function.Supplier;

/**
 * Where a server's hubs and hub filters come from, as ASP.NET Core's {@code IHubActivator} and its service
 * provider: Guice on the embedded server (the default), the application's own container in another host, such
 * as the Spring Boot starter's beans. Set with {@code HubServer.Builder.activator(...)}.
 *
 * <p>Each type is resolved once, as the server is built, so that a hub or filter that cannot be made fails
 * then; the supplier is called for every hub call (a hub is made per call, as SignalR's are) and once for a
 * filter class. The same holds for the services hub methods take as parameters ({@link dev.switchboard.FromServices}):
 * each is resolved once with {@link #service}, and its supplier called for every call of the method.
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

    /**
     * Whether the container has a service for a hub method's parameter that is not marked
     * {@link dev.switchboard.FromServices}, as ASP.NET Core's {@code IServiceProviderIsService}: one the
     * application registered, not one the container could make up on demand, so that an ordinary argument type
     * is never taken for a service. Asked once per parameter as the server is built, unless the hub's options
     * {@linkplain dev.switchboard.HubOptions#disableImplicitFromServicesParameters() disable} implicit services.
     * The default has none, for a container that supplies no services.
     *
     * @param parameter a parameter of a hub method; its annotations carry the container's qualifier, if any
     * @return whether {@link #service} should supply it
     * @throws IllegalArgumentException when the parameter is ambiguous, such as one with two qualifiers
     */
    default boolean isService(Parameter parameter) {
        return false;
    }

    /**
     * How to supply a service parameter of a hub method: one marked {@link dev.switchboard.FromServices}, or one
     * {@link #isService} recognized. Called once per parameter as the server is built.
     *
     * @param parameter a parameter of a hub method; its annotations carry the container's qualifier, if any
     * @return a supplier of the service, called for every call of the method, on the server's hub threads
     * @throws IllegalArgumentException when the container cannot supply it, with the reason
     */
    default Supplier<?> service(Parameter parameter) {
        throw new IllegalArgumentException("this server's container supplies no services to hub methods");
    }
}
