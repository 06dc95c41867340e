package dev.switchboard.internal.dispatch;

import dev.switchboard.FromServices;
import dev.switchboard.spi.HubActivator;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Which hub method parameters the container supplies, decided once at start-up with SignalR's rules: an uploaded
 * stream never is one; a {@link FromServices} parameter always is; any other is when the container recognizes its
 * type, unless the hub disables implicit services.
 */
public final class ServiceParameters {

    /** No container: every parameter is an argument or an upload, and {@link FromServices} is an error. */
    public static final ServiceParameters NONE = new ServiceParameters(null, false);

    private static final Pattern PACKAGE = Pattern.compile("\\b[a-z][\\w]*\\.");

    private final HubActivator activator;
    private final boolean implicit;

    private ServiceParameters(HubActivator activator, boolean implicit) {
        this.activator = activator;
        this.implicit = implicit;
    }

    /**
     * Services from {@code activator}.
     *
     * @param implicit whether parameters the container recognizes are services without {@link FromServices}
     */
    public static ServiceParameters of(HubActivator activator, boolean implicit) {
        return new ServiceParameters(Objects.requireNonNull(activator), implicit);
    }

    /**
     * The supplier of parameter {@code index} of {@code method}, or null when the client fills it.
     *
     * @param upload whether the parameter's type is an uploaded stream's
     * @throws IllegalArgumentException naming the hub, the method and the parameter, for a marked parameter
     *         the container cannot supply or that is also an upload
     */
    Supplier<?> supplier(Class<?> hubType, Method method, int index, boolean upload) {
        Parameter parameter = method.getParameters()[index];
        boolean marked = parameter.isAnnotationPresent(FromServices.class);
        if (upload) {
            if (marked) {
                throw new IllegalArgumentException(where(hubType, method, index) + " is both a stream the client "
                        + "uploads (Flow.Publisher) and @FromServices: remove @FromServices to take the upload, or "
                        + "give the service another type");
            }
            return null;
        }
        if (marked) {
            return resolve(hubType, method, index, "is marked @FromServices");
        }
        if (implicit && activator != null && recognized(hubType, method, index)) {
            return resolve(hubType, method, index, "has the type of a service of the container");
        }
        return null;
    }

    private boolean recognized(Class<?> hubType, Method method, int index) {
        try {
            return activator.isService(method.getParameters()[index]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where(hubType, method, index) + " is ambiguous: " + e.getMessage(), e);
        }
    }

    private Supplier<?> resolve(Class<?> hubType, Method method, int index, String why) {
        String problem = where(hubType, method, index) + " " + why + " but ";
        if (activator == null) {
            throw new IllegalArgumentException(problem + "this server has no container to supply it");
        }
        Supplier<?> supplier;
        try {
            supplier = activator.service(method.getParameters()[index]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem + "the container cannot supply it: " + e.getMessage(), e);
        }
        if (supplier == null) {
            throw new IllegalArgumentException(problem + "the container gave no way to supply it");
        }
        return supplier;
    }

    private static String where(Class<?> hubType, Method method, int index) {
        Parameter parameter = method.getParameters()[index];
        // Without packages: Flow.Publisher<Integer> rather than java.util.concurrent.Flow$Publisher<java.lang.Integer>
        String typeName = PACKAGE.matcher(parameter.getParameterizedType().getTypeName()).replaceAll("")
                .replace('$', '.');
        return "Hub " + hubType.getSimpleName() + ", method " + method.getName() + ": parameter " + (index + 1)
                + " (" + typeName + " " + parameter.getName() + ")";
    }
}
