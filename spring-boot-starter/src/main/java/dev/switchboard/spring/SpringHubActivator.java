package dev.switchboard.spring;

import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import dev.switchboard.spi.HubActivator;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The hubs' {@link HubActivator} in a Spring application: every hub is a prototype bean of the application
 * context (a {@link MapHub} class), made for each call with its constructor's beans injected, and each hub's
 * context is the {@code HubContext<H>} bean the application's services are given.
 */
public final class SpringHubActivator implements HubActivator {

    private final ConfigurableListableBeanFactory beans;
    private final Map<Class<?>, HubContext<?>> contexts;

    /**
     * An activator over the application's beans.
     *
     * @param beans the application context's bean factory
     * @param contexts each mapped hub's context, as registered as a bean
     */
    public SpringHubActivator(ConfigurableListableBeanFactory beans, Map<Class<?>, HubContext<?>> contexts) {
        this.beans = beans;
        this.contexts = Map.copyOf(contexts);
    }

    /**
     * Resolves the one bean of {@code type}, made once here so that a hub Spring cannot make fails as the
     * application starts, naming it.
     *
     * @throws IllegalArgumentException when there is no such bean, more than one, a hub that is not of prototype
     *         scope (a hub instance serves one call), or Spring cannot make it
     */
    @Override
    public <T> Supplier<T> provider(Class<T> type) {
        String[] names = beans.getBeanNamesForType(type, true, false);
        if (names.length == 0) {
            throw new IllegalArgumentException("No Spring bean of " + type.getName() + ": "
                    + (Hub.class.isAssignableFrom(type) ? "annotate it with @MapHub" : "make it a bean (@Component)")
                    + ", and make sure component scanning finds it");
        }
        if (names.length > 1) {
            throw new IllegalArgumentException("More than one Spring bean of " + type.getName() + ": "
                    + String.join(", ", names));
        }
        String name = names[0];
        if (Hub.class.isAssignableFrom(type) && !beans.isPrototype(name)) {
            throw new IllegalArgumentException("The hub " + type.getName() + " is a bean of singleton scope ("
                    + name + "): a hub is made for every call, so map it with @MapHub, which makes it a prototype");
        }
        ObjectProvider<T> provider = beans.getBeanProvider(type);
        try {
            provider.getObject();
        } catch (BeansException e) {
            throw new IllegalArgumentException("Spring cannot make " + type.getName() + ": " + e.getMessage(), e);
        }
        return provider::getObject;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <H extends Hub> HubContext<H> hubContext(Class<H> hubType) {
        return (HubContext<H>) contexts.get(hubType);
    }
}
