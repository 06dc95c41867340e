package dev.switchboard.internal.dispatch;

import dev.switchboard.Groups;
import dev.switchboard.Hub;
import dev.switchboard.HubException;
import dev.switchboard.HubFilter;
import dev.switchboard.HubOptions;
import dev.switchboard.LogSafe;
import dev.switchboard.UserIdProvider;
import dev.switchboard.internal.auth.AuthorizeRule;
import dev.switchboard.internal.connection.ActiveStream;
import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.internal.connection.ConnectionEvents;
import dev.switchboard.internal.connection.StreamItemBinder;
import dev.switchboard.internal.connection.Uploads;
import dev.switchboard.internal.lifetime.DefaultCallerClients;
import dev.switchboard.internal.lifetime.DefaultGroups;
import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.CompletionMessage;
import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.StreamInvocationMessage;
import jakarta.inject.Provider;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a connection's events to one hub class: creates a hub per call through Guice, binds the
 * arguments, invokes the method and answers with a completion, or with stream items then a completion
 * for a streaming method; errors worded as SignalR words them.
 */
public final class HubDispatcher implements ConnectionEvents {

    private static final Logger log = LoggerFactory.getLogger(HubDispatcher.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final HubDescriptor descriptor;
    private final Provider<? extends Hub> hubs;
    private final HubLifetimeManager lifetime;
    private final Groups groups;
    private final UserIdProvider userIds;
    private final boolean detailedErrors;
    private final StreamStarter streams;
    private final HubFilterPipeline filters;

    public HubDispatcher(HubDescriptor descriptor, Provider<? extends Hub> hubs, HubLifetimeManager lifetime,
                         UserIdProvider userIds, HubOptions options) {
        this(descriptor, hubs, lifetime, userIds, options, List.of());
    }

    /** A dispatcher whose calls and connects go through {@code filters}, the outermost first. */
    public HubDispatcher(HubDescriptor descriptor, Provider<? extends Hub> hubs, HubLifetimeManager lifetime,
                         UserIdProvider userIds, HubOptions options, List<Provider<? extends HubFilter>> filters) {
        this.descriptor = descriptor;
        this.hubs = hubs;
        this.lifetime = lifetime;
        this.groups = new DefaultGroups(lifetime);
        this.userIds = userIds;
        this.detailedErrors = options.enableDetailedErrors();
        this.streams = new StreamStarter(descriptor.hubType().getSimpleName(), detailedErrors, this::failInvocation);
        this.filters = new HubFilterPipeline(descriptor, filters);
    }

    @Override
    public void onHandshake(HubConnectionContext connection) {
        connection.caller().userIdentifier(userIds.userId(connection.caller().request()));
        lifetime.onConnected(connection);
    }

    @Override
    public CompletionStage<Void> onConnected(HubConnectionContext connection) {
        try {
            filters.onConnected(activate(connection));
        } catch (Throwable e) {
            Throwable cause = unwrap(e);
            log.error("{}.onConnected failed for connection {}", descriptor.hubType().getSimpleName(),
                    connection.connectionId(), cause);
            connection.close(new CloseMessage(ErrorMessages.build("Connection closed with an error.", cause,
                    detailedErrors), false), cause);
            return CompletableFuture.failedFuture(cause);
        }
        return DONE;
    }

    @Override
    public void onClosed(HubConnectionContext connection) {
        lifetime.onDisconnected(connection);
    }

    @Override
    public CompletionStage<Void> onDisconnected(HubConnectionContext connection, Throwable error) {
        try {
            filters.onDisconnected(activate(connection), error);
        } catch (Throwable e) {
            log.error("{}.onDisconnected failed for connection {}", descriptor.hubType().getSimpleName(),
                    connection.connectionId(), unwrap(e));
        }
        return DONE;
    }

    @Override
    public List<StreamItemBinder> streamItemBinders(String target) {
        HubMethodDescriptor method = descriptor.find(target);
        return method == null ? List.of() : method.uploadBinders();
    }

    /**
     * Runs a hub method; one that takes uploads gives up its place among the connection's running calls as
     * soon as it has returned, as SignalR does, since it may wait long for its items. Its uploads end just before its
     * Completion is sent, so that the client may reuse their ids as soon as it has it.
     */
    @Override
    public CompletionStage<Void> onInvocation(HubConnectionContext connection, InvocationMessage invocation,
                                              Uploads uploads) {
        return onInvocation(connection, invocation, uploads, null);
    }

    /**
     * As above; a hub method that asks a client for a result gives up its place among the connection's running
     * calls ({@code releasePlace}, when not null) as it asks, as ASP.NET Core does, so that the calls behind it run
     * while it waits.
     */
    @Override
    public CompletionStage<Void> onInvocation(HubConnectionContext connection, InvocationMessage invocation,
                                              Uploads uploads, Runnable releasePlace) {
        CompletionStage<Void> answered = invoke(connection, invocation, uploads, releasePlace);
        return uploads.streams().isEmpty() ? answered : DONE;
    }

    private CompletionStage<Void> invoke(HubConnectionContext connection, InvocationMessage invocation, Uploads uploads,
                                         Runnable releasePlace) {
        String id = invocation.invocationId();
        String target = invocation.target();
        HubMethodDescriptor method = descriptor.find(target);
        if (method == null) {
            log.debug("Connection {} invoked unknown hub method '{}'", connection.connectionId(),
                    LogSafe.escape(target));
            return refuse(connection, id, uploads, "Unknown hub method '" + target + "'");
        }
        if (!method.authorizes(connection.caller().user())) {
            return refuse(connection, id, uploads,
                    AuthorizeRule.unauthorizedInvocation(connection.connectionId(), target));
        }
        if (method.resultKind() == HubMethodDescriptor.ResultKind.STREAM) {
            log.debug("Connection {} invoked streaming method '{}' without streaming", connection.connectionId(),
                    LogSafe.escape(target));
            return refuse(connection, id, uploads, "The client attempted to invoke the streaming '" + target
                    + "' method with a non-streaming invocation.");
        }
        if (invocation.streamIds().size() != method.uploadCount()) {
            return fail(connection, id, streamCountMismatch(target, invocation.streamIds().size(),
                    method.uploadCount()));
        }
        if (uploads.refusal() != null) {
            return fail(connection, id, uploads.refusal());
        }
        Object[] arguments;
        try {
            arguments = method.bind(invocation.arguments(), uploads.streams());
        } catch (ArgumentBindingException e) {
            log.debug("Connection {} invoked '{}' with bad arguments: {}", connection.connectionId(),
                    LogSafe.escape(target), LogSafe.escape(e.getMessage()));
            return refuse(connection, id, uploads, "Failed to invoke '" + target
                    + "' due to an error on the server. " + e.getMessage());
        }
        Object returned;
        try {
            returned = filters.invoke(activate(connection, releasePlace), method, method.supplyServices(arguments));
        } catch (Throwable e) {
            uploads.end();
            return failInvocation(connection, id, target, e);
        }
        return switch (method.resultKind()) {
            case VOID -> answer(connection, id, target, uploads, CompletionMessage.empty(id));
            case VALUE -> answer(connection, id, target, uploads, CompletionMessage.withResult(id, returned));
            case FUTURE, FUTURE_VOID ->
                    awaitResult(connection, id, target, method, (CompletionStage<?>) returned, uploads);
            case STREAM -> throw new IllegalStateException("Streaming methods were refused above");
        };
    }

    /** Refuses a call before its method runs; its uploads end first. */
    private static CompletionStage<Void> refuse(HubConnectionContext connection, String id, Uploads uploads, String error) {
        uploads.end();
        return fail(connection, id, error);
    }

    /** Answers a call whose method has returned; its uploads end first. */
    private CompletionStage<Void> answer(HubConnectionContext connection, String id, String target, Uploads uploads,
                                         CompletionMessage completion) {
        uploads.end();
        return complete(connection, id, target, completion);
    }

    /**
     * Runs a streaming method and starts its stream, then lets the connection's next call run while the
     * stream goes on, as SignalR runs streams beside invocations. The client's uploads end with the stream.
     * A stream cancelled while it waited its turn still runs its method, as ASP.NET Core starts it with a
     * cancelled token: the stream it returns is cancelled at once, so that what runs on cancellation runs.
     */
    @Override
    public CompletionStage<Void> onStreamInvocation(HubConnectionContext connection, StreamInvocationMessage invocation,
                                                    ActiveStream stream, Uploads uploads) {
        String id = invocation.invocationId();
        String target = invocation.target();
        HubMethodDescriptor method = descriptor.find(target);
        if (method != null && !method.authorizes(connection.caller().user())) {
            stream.end();
            return fail(connection, id, AuthorizeRule.unauthorizedInvocation(connection.connectionId(), target));
        }
        String refusal = refusal(invocation, method, stream, uploads);
        if (refusal != null) {
            log.debug("Connection {} stream invocation of '{}' refused: {}", connection.connectionId(),
                    LogSafe.escape(target), LogSafe.escape(refusal));
            stream.end();
            return fail(connection, id, refusal);
        }
        Object[] arguments;
        try {
            arguments = method.bind(invocation.arguments(), uploads.streams());
        } catch (ArgumentBindingException e) {
            stream.end();
            return fail(connection, id, "Failed to invoke '" + target + "' due to an error on the server. "
                    + e.getMessage());
        }
        Object returned;
        try {
            returned = filters.invoke(activate(connection), method, method.supplyServices(arguments));
        } catch (Throwable e) {
            stream.end();
            return failInvocation(connection, id, target, e);
        }
        streams.start(connection, stream, target, method, returned);
        return DONE;
    }

    /** Why a stream invocation cannot run, in SignalR's words, or null when it can. */
    private static String refusal(StreamInvocationMessage invocation, HubMethodDescriptor method, ActiveStream stream,
                                  Uploads uploads) {
        String target = invocation.target();
        if (method == null) {
            return "Unknown hub method '" + target + "'";
        }
        if (method.resultKind() != HubMethodDescriptor.ResultKind.STREAM) {
            return "The client attempted to invoke the non-streaming '" + target + "' method with a streaming "
                    + "invocation.";
        }
        if (invocation.streamIds().size() != method.uploadCount()) {
            return streamCountMismatch(target, invocation.streamIds().size(), method.uploadCount());
        }
        if (stream.idInUse()) {
            return "Invocation ID '" + invocation.invocationId() + "' is already in use.";
        }
        return uploads.refusal();
    }

    private static String streamCountMismatch(String target, int sent, int expected) {
        return "An unexpected error occurred invoking '" + target + "' on the server. HubException: Client sent "
                + sent + " stream(s), Hub method expects " + expected + ".";
    }

    private CompletionStage<Void> awaitResult(HubConnectionContext connection, String id, String target,
                                              HubMethodDescriptor method, CompletionStage<?> stage, Uploads uploads) {
        if (stage == null) {
            uploads.end();
            return failInvocation(connection, id, target,
                    new NullPointerException(method.describe() + " returned null instead of a future"));
        }
        return stage.handle((value, failure) -> {
            uploads.end();
            if (failure != null) {
                failInvocation(connection, id, target, failure);
            } else if (method.resultKind() == HubMethodDescriptor.ResultKind.FUTURE_VOID) {
                complete(connection, id, target, CompletionMessage.empty(id));
            } else {
                complete(connection, id, target, CompletionMessage.withResult(id, value));
            }
            return null;
        });
    }

    private CompletionStage<Void> complete(HubConnectionContext connection, String id, String target,
                                           CompletionMessage completion) {
        if (id == null) {
            return DONE;
        }
        try {
            connection.send(completion);
        } catch (RuntimeException e) {
            return failInvocation(connection, id, target, e);
        }
        return DONE;
    }

    /**
     * Answers a call whose hub method failed; the one place such a failure is logged. A {@link HubException} is
     * the hub's own answer to the client, logged at DEBUG; anything else is a bug, logged at ERROR with the hub and
     * the method.
     */
    private CompletionStage<Void> failInvocation(HubConnectionContext connection, String id, String target, Throwable e) {
        Throwable cause = unwrap(e);
        String method = descriptor.hubType().getSimpleName() + "." + LogSafe.escape(target);
        if (cause instanceof HubException) {
            log.debug("{} threw: {}", method, LogSafe.escape(cause.getMessage()));
        } else {
            log.error("{} failed for connection {}", method, connection.connectionId(), cause);
        }
        return fail(connection, id, ErrorMessages.build("An unexpected error occurred invoking '" + target
                + "' on the server.", cause, detailedErrors));
    }

    private static CompletionStage<Void> fail(HubConnectionContext connection, String id, String error) {
        if (id != null) {
            connection.send(CompletionMessage.withError(id, error));
        }
        return DONE;
    }

    private Hub activate(HubConnectionContext connection) {
        return activate(connection, null);
    }

    /** A hub for one call; {@code beforeClientResult}, when not null, runs as it asks a client for a result. */
    private Hub activate(HubConnectionContext connection, Runnable beforeClientResult) {
        Hub hub = hubs.get();
        HubActivator.activate(hub, connection.caller(), new DefaultCallerClients(lifetime, descriptor.clientInterfaces(),
                connection.connectionId(), beforeClientResult), groups);
        return hub;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof InvocationTargetException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
