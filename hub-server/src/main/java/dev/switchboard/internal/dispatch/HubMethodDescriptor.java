package dev.switchboard.internal.dispatch;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchboard.AuthorizationPolicy;
import dev.switchboard.Hub;
import dev.switchboard.HubUser;
import dev.switchboard.internal.auth.AuthorizeRule;
import dev.switchboard.internal.connection.StreamItemBinder;
import dev.switchboard.internal.connection.UploadStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One hub method, resolved once at start-up: a method handle taking the hub and an argument array, a
 * Jackson reader per parameter, and for a streaming method how its result streams. Parameters of type
 * {@code Flow.Publisher<T>} receive the streams the client uploads, with a binder for {@code T}; the container
 * supplies its services ({@link ServiceParameters}); the JSON arguments fill the others. Nothing is looked up per
 * call.
 */
final class HubMethodDescriptor {

    /** What the method gives back, which decides the completion; STREAM answers StreamInvocations only. */
    enum ResultKind { VOID, VALUE, FUTURE, FUTURE_VOID, STREAM }

    private final String name;
    private final Method method;
    private final MethodHandle invoker;
    /** The readers of the parameters that take JSON arguments, and where each goes in the call. */
    private final ObjectReader[] readers;
    private final String[] typeNames;
    private final int[] argumentSlots;
    /** Where each upload parameter goes in the call, and how its items are bound. */
    private final int[] uploadSlots;
    private final List<StreamItemBinder> uploadBinders;
    /** Where each service parameter goes in the call, and its supplier, called per call. */
    private final int[] serviceSlots;
    private final Supplier<?>[] services;
    private final int parameterCount;
    private final ResultKind resultKind;
    private final StreamingReturn streaming;
    /** The method's own {@code @Authorize}, or null; the hub class's is applied to every request instead. */
    private final AuthorizeRule authorization;

    /** @throws IllegalArgumentException for a service parameter that is ambiguous or cannot be supplied */
    HubMethodDescriptor(String name, Method method, ObjectMapper mapper, Class<?> hubType,
                        ServiceParameters serviceParameters, Map<String, AuthorizationPolicy> policies) {
        this.name = name;
        this.method = method;
        Type[] parameters = method.getGenericParameterTypes();
        this.parameterCount = parameters.length;
        List<Integer> arguments = new ArrayList<>();
        List<Integer> uploads = new ArrayList<>();
        List<StreamItemBinder> binders = new ArrayList<>();
        List<ObjectReader> argumentReaders = new ArrayList<>();
        List<String> argumentTypes = new ArrayList<>();
        List<Integer> serviceIndexes = new ArrayList<>();
        List<Supplier<?>> suppliers = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            JavaType type = mapper.getTypeFactory().constructType(parameters[i]);
            boolean upload = type.getRawClass() == Flow.Publisher.class;
            Supplier<?> service = serviceParameters.supplier(hubType, method, i, upload);
            if (service != null) {
                serviceIndexes.add(i);
                suppliers.add(service);
            } else if (upload) {
                uploads.add(i);
                binders.add(binder(type, mapper));
            } else {
                arguments.add(i);
                argumentReaders.add(mapper.readerFor(type));
                argumentTypes.add(type.getRawClass().getSimpleName());
            }
        }
        this.argumentSlots = arguments.stream().mapToInt(Integer::intValue).toArray();
        this.readers = argumentReaders.toArray(ObjectReader[]::new);
        this.typeNames = argumentTypes.toArray(String[]::new);
        this.uploadSlots = uploads.stream().mapToInt(Integer::intValue).toArray();
        this.uploadBinders = List.copyOf(binders);
        this.serviceSlots = serviceIndexes.stream().mapToInt(Integer::intValue).toArray();
        this.services = suppliers.toArray(Supplier<?>[]::new);
        this.streaming = StreamingReturn.of(method.getGenericReturnType(), mapper.getTypeFactory());
        this.resultKind = streaming != null ? ResultKind.STREAM : resultKind(method);
        this.authorization = AuthorizeRule.of(method, policies);
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

    /** The number of streams the method takes from the client. */
    int uploadCount() {
        return uploadSlots.length;
    }

    /** How the items of each uploaded stream are bound, in the order of the upload parameters. */
    List<StreamItemBinder> uploadBinders() {
        return uploadBinders;
    }

    /** Binds JSON arguments to the declared parameter types, with no uploads. */
    Object[] bind(List<?> arguments) throws ArgumentBindingException {
        return bind(arguments, List.of());
    }

    /**
     * Binds JSON arguments to the parameters that take them, and the uploaded streams, as many as
     * {@link #uploadCount}, to the publisher parameters, each in order.
     */
    Object[] bind(List<?> arguments, List<UploadStream> uploads) throws ArgumentBindingException {
        if (arguments.size() != readers.length) {
            throw new ArgumentBindingException("Invocation provides " + arguments.size()
                    + " argument(s) but target expects " + readers.length + ".", null);
        }
        Object[] bound = new Object[parameterCount];
        for (int i = 0; i < readers.length; i++) {
            try {
                bound[argumentSlots[i]] = readers[i].readValue((JsonNode) arguments.get(i));
            } catch (IOException | IllegalArgumentException e) {
                throw new ArgumentBindingException("Argument " + (i + 1) + " is not a valid " + typeNames[i] + ".", e);
            }
        }
        for (int i = 0; i < uploadSlots.length; i++) {
            bound[uploadSlots[i]] = uploads.get(i);
        }
        return bound;
    }

    /**
     * Puts a fresh instance of each service parameter into arguments {@link #bind} bound, as SignalR resolves
     * them for each call; a container's failure propagates, to fail the call.
     */
    Object[] supplyServices(Object[] bound) {
        for (int i = 0; i < serviceSlots.length; i++) {
            bound[serviceSlots[i]] = services[i].get();
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

    /** Binds items to the {@code T} of a {@code Flow.Publisher<T>} parameter; a wildcard gives its bound. */
    private static StreamItemBinder binder(JavaType publisher, ObjectMapper mapper) {
        JavaType[] parameters = publisher.findTypeParameters(Flow.Publisher.class);
        JavaType itemType = parameters.length == 0 ? mapper.constructType(Object.class) : parameters[0];
        ObjectReader reader = mapper.readerFor(itemType);
        String typeName = itemType.getRawClass().getSimpleName();
        return item -> {
            try {
                return reader.readValue((JsonNode) item);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Stream item is not a valid " + typeName + ".", e);
            }
        };
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
