package dev.switchboard.spring;

import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import dev.switchboard.spi.HubActivator;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * The hubs' {@link HubActivator} in a Spring application: every hub is a prototype bean of the application
 * context (a {@link MapHub} class), made for each call with its constructor's beans injected, and each hub's
 * context is the {@code HubContext<H>} bean the application's services are given. Hub methods' service parameters
 * are beans too, resolved as Spring autowires a constructor parameter ({@code @Qualifier} included).
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

    /**
     * Whether a bean matches the parameter's type. Parameters of {@code Object} or of a {@code java.lang} or
     * {@code java.util} type are never implicit services: Spring's own beans (such as the {@code Map} of
     * {@code systemProperties}) would match the values and collections clients send; mark such a bean
     * {@code @FromServices}.
     *
     * @param parameter a hub method's parameter
     * @return whether a bean matches its type
     */
    @Override
    public boolean isService(Parameter parameter) {
        Class<?> type = parameter.getType();
        String where = type.getPackageName();
        if (type == Object.class || type.isPrimitive() || where.equals("java.lang") || where.startsWith("java.util")) {
            return false;
        }
        ResolvableType resolvable = ResolvableType.forMethodParameter(MethodParameter.forParameter(parameter));
        return beans.getBeanNamesForType(resolvable, true, false).length > 0;
    }

    /**
     * Resolves the parameter as an autowired constructor parameter once here, so that a missing or ambiguous bean
     * fails as the application starts, then again for every call, so that a prototype bean is new each time.
     *
     * @param parameter a hub method's parameter, with its {@code @Qualifier} if any
     * @return a supplier that resolves it for every call
     * @throws IllegalArgumentException when Spring has no bean for it, or more than one
     */
    @Override
    public Supplier<?> service(Parameter parameter) {
        DependencyDescriptor dependency = new DependencyDescriptor(MethodParameter.forParameter(parameter), true);
        try {
            beans.resolveDependency(dependency, null);
        } catch (BeansException e) {
            throw new IllegalArgumentException("Spring cannot supply it: " + e.getMessage(), e);
        }
        return () -> beans.resolveDependency(dependency, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <H extends Hub> HubContext<H> hubContext(Class<H> hubType) {
        return (HubContext<H>) contexts.get(hubType);
    }
}
