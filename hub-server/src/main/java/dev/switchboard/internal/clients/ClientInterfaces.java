package dev.switchboard.internal.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ClientInterface;
import dev.switchboard.ClientProxy;
import dev.switchboard.Hub;
import dev.switchboard.HubException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one hub's clients look like from the server: the client interfaces it declares with
 * {@link ClientInterface}, resolved at start-up, and the mapper that binds client results.
 */
public final class ClientInterfaces {

    private final Class<? extends Hub> hubType;
    private final ObjectMapper mapper;
    private final Map<Class<?>, TypedClient> declared;

    private ClientInterfaces(Class<? extends Hub> hubType, ObjectMapper mapper, Map<Class<?>, TypedClient> declared) {
        this.hubType = hubType;
        this.mapper = mapper;
        this.declared = Map.copyOf(declared);
    }

    /**
     * Reads and checks the client interfaces {@code hubType} and its superclasses declare.
     *
     * @throws IllegalArgumentException for an interface that breaks a rule of {@link ClientInterface}
     */
    public static ClientInterfaces of(Class<? extends Hub> hubType, ObjectMapper mapper) {
        Map<Class<?>, TypedClient> declared = new LinkedHashMap<>();
        for (Class<?> type = hubType; type != null && type != Hub.class; type = type.getSuperclass()) {
            ClientInterface annotation = type.getDeclaredAnnotation(ClientInterface.class);
            if (annotation == null) {
                continue;
            }
            for (Class<?> client : annotation.value()) {
                if (!declared.containsKey(client)) {
                    try {
                        declared.put(client, TypedClient.of(client, mapper.getTypeFactory()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("Client interface of hub " + hubType.getName() + ": "
                                + e.getMessage(), e);
                    }
                }
            }
        }
        return new ClientInterfaces(hubType, mapper, declared);
    }

    /**
     * {@code target} seen through {@code clientInterface}.
     *
     * @throws IllegalArgumentException when the hub does not declare it
     */
    public <T> T view(Class<T> clientInterface, ClientProxy target) {
        TypedClient client = declared.get(clientInterface);
        if (client == null) {
            throw new IllegalArgumentException(clientInterface.getName() + " is not a client interface of hub "
                    + hubType.getSimpleName() + ": declare it with @ClientInterface(" + clientInterface.getSimpleName()
                    + ".class) on the hub class");
        }
        return clientInterface.cast(Proxy.newProxyInstance(clientInterface.getClassLoader(),
                new Class<?>[] {clientInterface}, new TypedClientHandler(client, target)));
    }

    /**
     * Binds a client's result, as the protocol parsed it, to {@code type}.
     *
     * @throws HubException worded as SignalR words it, when the result does not fit the type
     */
    public Object bind(Object result, Type type) {
        if (result == null || type == Void.class || type == void.class) {
            return null;
        }
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        try {
            return result instanceof JsonNode node ? mapper.readerFor(javaType).readValue(node)
                    : mapper.convertValue(result, javaType);
        } catch (JsonProcessingException e) {
            throw unbound(javaType, e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw unbound(javaType, e.getMessage(), e);
        }
    }

    private static HubException unbound(JavaType type, String reason, Exception cause) {
        return new HubException("Error trying to deserialize result to " + type.getRawClass().getSimpleName() + ". "
                + reason, cause);
    }
}
