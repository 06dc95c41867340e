package dev.switchboard;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.util.Types;
import dev.switchboard.internal.lifetime.DefaultHubContext;
import java.util.Arrays;
import java.util.List;

/**
 * Binds {@code HubContext<H>} for each given hub, so that any service the injector creates can reach
 * that hub's clients:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new SwitchboardModule(ChatHub.class), new MyModule());
 * HubServer.builder().hub("/chat", ChatHub.class).injector(injector).build().start();
 * }</pre>
 *
 * Without it, hubs still get their {@code HubContext} injected, but other services do not. To run the hubs on
 * several servers, give it their {@link Backplane}: {@code new SwitchboardModule(backplane, ChatHub.class)}.
 */
public final class SwitchboardModule extends AbstractModule {

    private final Backplane backplane;
    private final List<Class<? extends Hub>> hubs;

    /**
     * Binds the hubs' contexts for a server of their own.
     *
     * @param hubs the hubs whose {@code HubContext} other services inject
     */
    @SafeVarargs
    @SuppressWarnings("varargs")
    public SwitchboardModule(Class<? extends Hub>... hubs) {
        this(null, Arrays.asList(hubs));
    }

    /**
     * Binds the hubs' contexts for a server of their own.
     *
     * @param hubs the hubs whose {@code HubContext} other services inject
     */
    public SwitchboardModule(List<Class<? extends Hub>> hubs) {
        this(null, hubs);
    }

    /**
     * Binds the hubs' contexts on {@code backplane}, so that they reach the connections of every server.
     *
     * @param backplane the hubs' backplane, or null for a server of their own
     * @param hubs the hubs whose {@code HubContext} other services inject
     */
    @SafeVarargs
    @SuppressWarnings("varargs")
    public SwitchboardModule(Backplane backplane, Class<? extends Hub>... hubs) {
        this(backplane, Arrays.asList(hubs));
    }

    /**
     * Binds the hubs' contexts on {@code backplane}, so that they reach the connections of every server.
     *
     * @param backplane the hubs' backplane, or null for a server of their own
     * @param hubs the hubs whose {@code HubContext} other services inject
     */
    public SwitchboardModule(Backplane backplane, List<Class<? extends Hub>> hubs) {
        this.backplane = backplane;
        this.hubs = List.copyOf(hubs);
    }

    @Override
    protected void configure() {
        hubs.forEach(this::bindContext);
    }

    private <H extends Hub> void bindContext(Class<H> hub) {
        bind(contextKey(hub)).toInstance(new DefaultHubContext<>(hub, backplane));
    }

    /**
     * The injection key of {@code HubContext<H>}, for a binding or an {@code injector.getInstance} of one's own.
     *
     * @param <H> the hub
     * @param hub the hub class
     * @return the key of its {@code HubContext}
     */
    @SuppressWarnings("unchecked")
    public static <H extends Hub> Key<HubContext<H>> contextKey(Class<H> hub) {
        return (Key<HubContext<H>>) Key.get(Types.newParameterizedType(HubContext.class, hub));
    }
}
