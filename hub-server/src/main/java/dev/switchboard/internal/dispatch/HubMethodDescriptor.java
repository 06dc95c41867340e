package dev.switchboard.internal.dispatch;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchboard.Hub;
import dev.switchboard.HubUser;
import dev.switchboard.internal.auth.AuthorizationPolicy;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * One hub method, resolved once at start-up: a method handle taking the hub and an argument array, a
 * Jackson reader per parameter, and for a streaming method how its result streams. Nothing is looked up
 * per call.
 */
final class HubMethodDescriptor {

    /** What the method gives back, which decides the completion; STREAM answers StreamInvocations only. */
    enum ResultKind { VOID, VALUE, FUTURE, FUTURE_VOID, STREAM }

    private final String name;
    private final Method method;
    private final MethodHandle invoker;
    private final ObjectReader[] readers;
    private final String[] typeNames;
    private final ResultKind resultKind;
    private final StreamingReturn streaming;
    /** The method's own {@code @Authorize}, or null; the hub class's is applied to every request instead. */
    private final AuthorizationPolicy authorization;

    HubMethodDescriptor(String name, Method method, ObjectMapper mapper) {
        this.name = name;
        this.method = method;
        Type[] parameters = method.getGenericParameterTypes();
        this.readers = new ObjectReader[parameters.length];
        this.typeNames = new String[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            JavaType type = mapper.getTypeFactory().constructType(parameters[i]);
            readers[i] = mapper.readerFor(type);
            typeNames[i] = type.getRawClass().getSimpleName();
        }
        this.streaming = StreamingReturn.of(method.getGenericReturnType(), mapper.getTypeFactory());
        this.resultKind = streaming != null ? ResultKind.STREAM : resultKind(method);
        this.authorization = AuthorizationPolicy.of(method);
        try {
            method.setAccessible(true);
            this.invoker = MethodHandles.lookup().unreflect(method)
                    .asSpreader(Object[].class, parameters.length)
                    .asType(MethodType.methodType(Object.class, Hub.class, Object[].class));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot call hub method " + describe(), e);
        }
    }

    String name() {
        return name;
    }

    Method method() {
        return method;
    }

    ResultKind resultKind() {
        return resultKind;
    }

    /** Whether {@code user}, null when anonymous, may invoke the method. */
    boolean authorizes(HubUser user) {
        return authorization == null || authorization.allows(user);
    }

    /** How a streaming method's result is streamed; null for the others. */
    StreamingReturn streaming() {
        return streaming;
    }

    /** Binds JSON arguments to the declared parameter types. */
    Object[] bind(List<?> arguments) throws ArgumentBindingException {
        if (arguments.size() != readers.length) {
            throw new ArgumentBindingException("Invocation provides " + arguments.size()
                    + " argument(s) but target expects " + readers.length + ".", null);
        }
        Object[] bound = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            try {
                bound[i] = readers[i].readValue((JsonNode) arguments.get(i));
            } catch (IOException | IllegalArgumentException e) {
                throw new ArgumentBindingException("Argument " + (i + 1) + " is not a valid " + typeNames[i] + ".", e);
            }
        }
        return bound;
    }

    Object invoke(Hub hub, Object[] arguments) throws Throwable {
        return (Object) invoker.invokeExact(hub, arguments);
    }

    String describe() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + Arrays.stream(
                method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static ResultKind resultKind(Method method) {
        Class<?> returned = method.getReturnType();
        if (returned == void.class || returned == Void.class) {
            return ResultKind.VOID;
        }
        if (!CompletionStage.class.isAssignableFrom(returned)) {
            return ResultKind.VALUE;
        }
        Type generic = method.getGenericReturnType();
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] == Void.class) {
            return ResultKind.FUTURE_VOID;
        }
        return ResultKind.FUTURE;
    }
}
