package dev.switchboard.internal.dispatch;

import dev.switchboard.Hub;
import dev.switchboard.HubFilter;
import dev.switchboard.HubInvocationContext;
import dev.switchboard.HubLifetimeContext;
import jakarta.inject.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The {@link HubFilter}s of one hub, chained once when the server is built: each link asks its provider for
 * the filter and hands it the next link, and the innermost calls the hub. Without filters, calls go
 * straight to the hub.
 */
final class HubFilterPipeline {

    private final boolean empty;
    private final HubFilter.InvocationNext invocation;
    private final HubFilter.ConnectedNext connected;
    private final HubFilter.DisconnectedNext disconnected;

    /** Chains {@code filters}, outermost first, around the methods of {@code descriptor}'s hub. */
    HubFilterPipeline(HubDescriptor descriptor, List<Provider<? extends HubFilter>> filters) {
        Map<Method, HubMethodDescriptor> methods = new HashMap<>();
        descriptor.methods().forEach(method -> methods.put(method.method(), method));
        HubFilter.InvocationNext invocationLink = context -> callHub(methods, context);
        HubFilter.ConnectedNext connectedLink = context -> context.hub().onConnected();
        HubFilter.DisconnectedNext disconnectedLink = (context, exception) -> context.hub().onDisconnected(exception);
        for (int i = filters.size() - 1; i >= 0; i--) {
            Provider<? extends HubFilter> filter = filters.get(i);
            HubFilter.InvocationNext nextInvocation = invocationLink;
            HubFilter.ConnectedNext nextConnected = connectedLink;
            HubFilter.DisconnectedNext nextDisconnected = disconnectedLink;
            invocationLink = context -> filter.get().invokeMethod(context, nextInvocation);
            connectedLink = context -> filter.get().onConnected(context, nextConnected);
            disconnectedLink = (context, exception) -> filter.get().onDisconnected(context, exception,
                    nextDisconnected);
        }
        this.empty = filters.isEmpty();
        this.invocation = invocationLink;
        this.connected = connectedLink;
        this.disconnected = disconnectedLink;
    }

    /**
     * Calls {@code method} on {@code hub} through the filters; a plain value a filter returned for an
     * asynchronous method becomes the stage's result.
     */
    Object invoke(Hub hub, HubMethodDescriptor method, Object[] arguments) throws Throwable {
        if (empty) {
            return method.invoke(hub, arguments);
        }
        Object returned = invocation.invoke(new HubInvocationContext(hub, hub.context(), method.name(),
                method.method(), Arrays.asList(arguments)));
        return returnsStage(method) && returned != null && !(returned instanceof CompletionStage<?>)
                ? CompletableFuture.completedFuture(returned) : returned;
    }

    void onConnected(Hub hub) throws Exception {
        connected.run(new HubLifetimeContext(hub, hub.context()));
    }

    void onDisconnected(Hub hub, Throwable exception) throws Exception {
        disconnected.run(new HubLifetimeContext(hub, hub.context()), exception);
    }

    private static boolean returnsStage(HubMethodDescriptor method) {
        return switch (method.resultKind()) {
            case FUTURE, FUTURE_VOID -> true;
            case STREAM -> method.streaming().deferred();
            case VOID, VALUE -> false;
        };
    }

    /** The innermost link: the method the context names, which a filter may have replaced. */
    private static Object callHub(Map<Method, HubMethodDescriptor> methods, HubInvocationContext context)
            throws Exception {
        HubMethodDescriptor method = methods.get(context.hubMethod());
        if (method == null) {
            throw new IllegalArgumentException("A hub filter passed on a call of " + context.hubMethod()
                    + ", which is not a hub method of " + context.hub().getClass().getSimpleName());
        }
        try {
            return method.invoke(context.hub(), context.arguments().toArray());
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new ExecutionException(e);
        }
    }
}
