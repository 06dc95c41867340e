package dev.switchboard.internal.clients;

import dev.switchboard.ClientProxy;
import dev.switchboard.SingleClientProxy;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/** What a typed client proxy does with each call: sends, invokes for a result, or answers itself. */
final class TypedClientHandler implements InvocationHandler {

    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final TypedClient client;
    private final ClientProxy target;

    TypedClientHandler(TypedClient client, ClientProxy target) {
        this.client = client;
        this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object[] arguments = args == null ? NO_ARGUMENTS : args;
        TypedClient.Call call = client.call(method);
        if (call == null) {
            return method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, arguments)
                    : objectMethod(proxy, method, arguments);
        }
        return switch (call.kind()) {
            case SEND -> {
                target.send(call.target(), arguments);
                yield null;
            }
            case SEND_FUTURE -> target.send(call.target(), arguments);
            case RESULT -> {
                if (!(target instanceof SingleClientProxy single)) {
                    throw new UnsupportedOperationException(call.describe() + " returns a client result, which only "
                            + "a single client can give: call it through client(id, ...) or caller(...)");
                }
                yield single.invoke(call.resultType(), call.target(), arguments);
            }
        };
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> client.type().getSimpleName() + " of " + target;
            default -> throw new UnsupportedOperationException("A client proxy does not implement " + method);
        };
    }
}
