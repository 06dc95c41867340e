package dev.switchboard.internal.connection;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's standing with its hub: registered with the lifetime manager once its handshake is read, connected
 * once the hub's connect callback succeeds, told of the disconnect only then (as in SignalR), and forgotten once.
 */
final class HubPresence {

    private static final Logger log = LoggerFactory.getLogger(HubPresence.class);

    /** How far the hub has taken the connection in. */
    private enum Standing { NONE, REGISTERED, CONNECTED }

    private final HubConnectionContext connection;
    private final ConnectionEvents events;
    private volatile Standing standing = Standing.NONE;
    private final AtomicBoolean left = new AtomicBoolean();

    HubPresence(HubConnectionContext connection, ConnectionEvents events) {
        this.connection = connection;
        this.events = events;
    }

    /** Registers the connection with its hub; false, logged, when registering fails. */
    boolean register() {
        try {
            events.onHandshake(connection);
        } catch (RuntimeException e) {
            log.error("Registering connection {} failed", connection.connectionId(), e);
            return false;
        }
        standing = Standing.REGISTERED;
        return true;
    }

    /** Runs the hub's connect callback; the connection counts as connected once it has succeeded. */
    CompletionStage<Void> connect() {
        return events.onConnected(connection).whenComplete((done, failure) -> {
            if (failure == null) {
                standing = Standing.CONNECTED;
            }
        });
    }

    /** Whether the hub has registered the connection, and so has a disconnect to run. */
    boolean registered() {
        return standing != Standing.NONE;
    }

    /** The hub's disconnect callback, for a connection whose connect callback succeeded; null otherwise. */
    CompletionStage<Void> disconnect(Throwable cause) {
        return standing == Standing.CONNECTED ? events.onDisconnected(connection, cause) : null;
    }

    /** Leaves the lifetime manager, once, registered or not: nothing new is sent to the connection from then on. */
    void leave() {
        if (left.compareAndSet(false, true)) {
            events.onClosed(connection);
        }
    }
}
