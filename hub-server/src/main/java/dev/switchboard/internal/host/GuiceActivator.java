package dev.switchboard.internal.host;

import com.google.inject.BindingAnnotation;
import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.switchboard.ConnectionHandler;
import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.spi.HubActivator;
import jakarta.inject.Qualifier;
import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** The embedded server's activator: hubs, filters, hub contexts and hub methods' services from a Guice injector. */
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

    /**
     * Whether the injector or one of its parents binds the parameter's key explicitly. Just-in-time bindings do
     * not count: Guice could make most argument types (a record, a {@code String}) on demand, and which of those
     * it has already made depends on what ran before.
     */
    @Override
    public boolean isService(Parameter parameter) {
        Key<?> key;
        try {
            key = key(parameter);
        } catch (ConfigurationException e) {
            return false; // a type variable: only an argument can fill it
        }
        for (Injector current = injector; current != null; current = current.getParent()) {
            if (current.getBindings().containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** The injector's provider of the parameter's key, looked up once; just-in-time bindings are allowed here. */
    @Override
    public Supplier<?> service(Parameter parameter) {
        try {
            return injector.getProvider(key(parameter))::get;
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException("Guice cannot provide it: " + e.getMessage(), e);
        }
    }

    /**
     * The parameter's type with its binding annotation (Guice's or a {@code jakarta.inject} qualifier), if any.
     *
     * @throws ConfigurationException for a type that is not fully specified
     */
    private static Key<?> key(Parameter parameter) {
        List<Annotation> qualifiers = Arrays.stream(parameter.getAnnotations())
                .filter(annotation -> annotation.annotationType().isAnnotationPresent(BindingAnnotation.class)
                        || annotation.annotationType().isAnnotationPresent(Qualifier.class))
                .toList();
        if (qualifiers.size() > 1) {
            throw new IllegalArgumentException("parameter " + parameter.getName() + " has more than one binding "
                    + "annotation: " + qualifiers);
        }
        return qualifiers.isEmpty() ? Key.get(parameter.getParameterizedType())
                : Key.get(parameter.getParameterizedType(), qualifiers.get(0));
    }
}
