package dev.switchboard.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.AuthorizationPolicy;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.internal.clients.ClientInterfaces;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The method table of one hub class, built at start-up; names are matched case-insensitively. */
public final class HubDescriptor {

    private final Class<? extends Hub> hubType;
    private final Map<String, HubMethodDescriptor> methods;
    private final ClientInterfaces clientInterfaces;

    private HubDescriptor(Class<? extends Hub> hubType, Map<String, HubMethodDescriptor> methods,
                          ClientInterfaces clientInterfaces) {
        this.hubType = hubType;
        this.methods = Collections.unmodifiableMap(methods);
        this.clientInterfaces = clientInterfaces;
    }

    /**
     * Reads every {@link HubMethod} of {@code hubType} and its superclasses.
     *
     * @throws IllegalArgumentException for a marked method that is not public, is static, or shares its
     *         name with another, or a declared client interface that breaks a rule of
     *         {@link dev.switchboard.ClientInterface}
     */
    public static HubDescriptor of(Class<? extends Hub> hubType, ObjectMapper mapper) {
        return of(hubType, mapper, ServiceParameters.NONE);
    }

    /**
     * Reads every {@link HubMethod} of {@code hubType} and its superclasses, with the parameters
     * {@code services} supplies taken out of the arguments.
     *
     * @throws IllegalArgumentException as {@link #of(Class, ObjectMapper)}, and for a service parameter that is
     *         ambiguous or cannot be supplied, naming the hub, the method and the parameter
     */
    public static HubDescriptor of(Class<? extends Hub> hubType, ObjectMapper mapper, ServiceParameters services) {
        return of(hubType, mapper, services, Map.of());
    }

    /**
     * Reads every {@link HubMethod} of {@code hubType} and its superclasses, with the parameters
     * {@code services} supplies taken out of the arguments and the server's authorization policies for the
     * methods' {@link dev.switchboard.Authorize}.
     *
     * @throws IllegalArgumentException as {@link #of(Class, ObjectMapper, ServiceParameters)}, and for a policy
     *         name not in {@code policies}
     */
    public static HubDescriptor of(Class<? extends Hub> hubType, ObjectMapper mapper, ServiceParameters services,
                                   Map<String, AuthorizationPolicy> policies) {
        Map<String, HubMethodDescriptor> methods = new HashMap<>();
        List<Method> found = new ArrayList<>();
        for (Class<?> type = hubType; type != null && type != Hub.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                HubMethod marker = method.getAnnotation(HubMethod.class);
                if (marker == null || method.isBridge() || method.isSynthetic() || overridden(method, found)) {
                    continue;
                }
                found.add(method);
                add(methods, hubType, method, marker, mapper, services, policies);
            }
        }
        return new HubDescriptor(hubType, methods, ClientInterfaces.of(hubType, mapper));
    }

    /**
     * Whether a subclass method read earlier overrides {@code method}; parameters are compared by
     * assignability, since an override of a generic method has narrower erased types.
     */
    private static boolean overridden(Method method, List<Method> found) {
        for (Method subclassMethod : found) {
            if (subclassMethod.getName().equals(method.getName())
                    && subclassMethod.getParameterCount() == method.getParameterCount()
                    && method.getDeclaringClass().isAssignableFrom(subclassMethod.getDeclaringClass())
                    && assignable(method.getParameterTypes(), subclassMethod.getParameterTypes())) {
                return true;
            }
        }
        return false;
    }

    private static boolean assignable(Class<?>[] to, Class<?>[] from) {
        for (int i = 0; i < to.length; i++) {
            if (!to[i].isAssignableFrom(from[i])) {
                return false;
            }
        }
        return true;
    }

    private static void add(Map<String, HubMethodDescriptor> methods, Class<? extends Hub> hubType, Method method,
                            HubMethod marker, ObjectMapper mapper, ServiceParameters services,
                            Map<String, AuthorizationPolicy> policies) {
        String where = hubType.getSimpleName() + "." + method.getName();
        int modifiers = method.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers)) {
            throw new IllegalArgumentException("Hub method " + where + " must be public and not static");
        }
        String name = marker.value().isEmpty() ? method.getName() : marker.value();
        HubMethodDescriptor descriptor = new HubMethodDescriptor(name, method, mapper, hubType, services, policies);
        HubMethodDescriptor clash = methods.putIfAbsent(name.toLowerCase(Locale.ROOT), descriptor);
        if (clash != null) {
            throw new IllegalArgumentException("Hub " + hubType.getSimpleName() + " has two methods named '" + name
                    + "' (" + clash.describe() + " and " + descriptor.describe() + "). Hub methods are matched by "
                    + "name only, case-insensitively: rename one, or give it @HubMethod(\"otherName\")");
        }
    }

    public Class<? extends Hub> hubType() {
        return hubType;
    }

    /** The client interfaces the hub declares, resolved with the same mapper as its methods. */
    public ClientInterfaces clientInterfaces() {
        return clientInterfaces;
    }

    HubMethodDescriptor find(String name) {
        return methods.get(name.toLowerCase(Locale.ROOT));
    }

    Collection<HubMethodDescriptor> methods() {
        return methods.values();
    }

    /** The names clients can invoke. */
    public Set<String> methodNames() {
        Set<String> names = new HashSet<>();
        methods.values().forEach(method -> names.add(method.name()));
        return names;
    }
}
