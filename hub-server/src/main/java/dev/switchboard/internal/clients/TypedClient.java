package dev.switchboard.internal.clients;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.switchboard.ClientMethod;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * One client interface, checked and resolved once at start-up: what each of its methods calls on the
 * client and how. Proxies look their method up here and reflect on nothing per call.
 */
final class TypedClient {

    /** What calling a method does. */
    enum Kind {
        /** Sends; returns nothing. */
        SEND,
        /** Sends; returns the send's future. */
        SEND_FUTURE,
        /** Invokes one client and returns its result. */
        RESULT
    }

    /** A method's client target, kind, and for a result the type it is bound to. */
    record Call(String target, Kind kind, JavaType resultType, String describe) {
    }

    private final Class<?> type;
    private final Map<Method, Call> calls;

    private TypedClient(Class<?> type, Map<Method, Call> calls) {
        this.type = type;
        this.calls = Map.copyOf(calls);
    }

    /**
     * Checks {@code type} and resolves its methods.
     *
     * @throws IllegalArgumentException naming the method and the rule it breaks
     */
    static TypedClient of(Class<?> type, TypeFactory types) {
        if (!type.isInterface() || type.isAnnotation()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface; a client interface must be");
        }
        Map<Method, Call> calls = new HashMap<>();
        Map<String, Call> byName = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || isObjectMethod(method)) {
                continue;
            }
            Call call = resolve(type, method, types);
            Call previous = byName.putIfAbsent(call.target().toLowerCase(Locale.ROOT), call);
            if (previous != null) {
                throw new IllegalArgumentException(previous.describe() + " and " + call.describe()
                        + " both call client method '" + call.target() + "'; clients match methods by name, "
                        + "without case, so give each its own (@ClientMethod renames one)");
            }
            calls.put(method, call);
        }
        return new TypedClient(type, calls);
    }

    Class<?> type() {
        return type;
    }

    /** The call of a method that {@link #of} resolved; null for default and {@code Object} methods. */
    Call call(Method method) {
        return calls.get(method);
    }

    /** Whether {@code method} is one of {@code Object}'s public methods, even when redeclared by the interface. */
    static boolean isObjectMethod(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Call resolve(Class<?> type, Method method, TypeFactory types) {
        String describe = describe(type, method);
        ClientMethod rename = method.getAnnotation(ClientMethod.class);
        String target = rename == null ? method.getName() : rename.value();
        if (target.isBlank()) {
            throw new IllegalArgumentException(describe + ": @ClientMethod must name the client method");
        }
        Type returned = method.getGenericReturnType();
        if (returned == void.class) {
            return new Call(target, Kind.SEND, null, describe);
        }
        if (returned instanceof ParameterizedType future && isFuture(future.getRawType())) {
            Type result = future.getActualTypeArguments()[0];
            if (result == Void.class) {
                return new Call(target, Kind.SEND_FUTURE, null, describe);
            }
            if (concrete(result)) {
                return new Call(target, Kind.RESULT, types.constructType(result), describe);
            }
            throw new IllegalArgumentException(describe + " returns " + returned.getTypeName() + "; the result of a "
                    + "client method must be a concrete type, not a wildcard or type variable");
        }
        throw new IllegalArgumentException(describe + " returns " + returned.getTypeName() + "; a client method "
                + "returns void, CompletableFuture<Void> or CompletionStage<Void> to send, or CompletableFuture<T> "
                + "or CompletionStage<T> for a client result");
    }

    private static boolean isFuture(Type raw) {
        return raw == CompletableFuture.class || raw == CompletionStage.class;
    }

    private static boolean concrete(Type type) {
        if (type instanceof Class<?>) {
            return true;
        }
        if (type instanceof ParameterizedType parameterized) {
            return Arrays.stream(parameterized.getActualTypeArguments()).allMatch(TypedClient::concrete);
        }
        return type instanceof GenericArrayType array && concrete(array.getGenericComponentType());
    }

    private static String describe(Class<?> type, Method method) {
        return type.getSimpleName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
