package dev.switchboard.internal.lifetime;

import dev.switchboard.ClientProxy;
import dev.switchboard.internal.clients.ClientInterfaces;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link ClientProxy} for one target: sends through the lifetime manager, and views through the hub's interfaces. */
class TargetProxy implements ClientProxy {

    /** How the target is reached: one of the lifetime manager's sends. */
    @FunctionalInterface
    interface Sender {
        CompletableFuture<Void> send(String method, List<Object> args);
    }

    private final Sender sender;
    protected final ClientInterfaces interfaces;

    TargetProxy(Sender sender, ClientInterfaces interfaces) {
        this.sender = sender;
        this.interfaces = interfaces;
    }

    @Override
    public CompletableFuture<Void> send(String method, Object... args) {
        return sender.send(method, arguments(args));
    }

    @Override
    public <T> T as(Class<T> clientInterface) {
        return interfaces.view(clientInterface, this);
    }

    /** Varargs as a list; null elements are valid arguments. */
    static List<Object> arguments(Object[] args) {
        return args == null ? List.of() : Arrays.asList(args.clone());
    }
}
