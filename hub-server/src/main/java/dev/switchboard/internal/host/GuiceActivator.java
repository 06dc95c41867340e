package dev.switchboard.internal.host;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import dev.switchboard.ConnectionHandler;
import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.spi.HubActivator;
import java.util.function.Supplier;

/** The embedded server's activator: hubs, filters and hub contexts from a Guice injector. */
final class GuiceActivator implements HubActivator {

    private final Injector injector;

    GuiceActivator(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <T> Supplier<T> provider(Class<T> type) {
        try {
            return injector.getProvider(type)::get;
        } catch (ConfigurationException e) {
            String kind = Hub.class.isAssignableFrom(type) ? "hub "
                    : ConnectionHandler.class.isAssignableFrom(type) ? "connection handler " : "hub filter ";
            throw new IllegalArgumentException("Guice cannot create " + kind + type.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public <H extends Hub> HubContext<H> hubContext(Class<H> hubType) {
        return injector.getInstance(SwitchboardModule.contextKey(hubType));
    }
}
