package dev.switchboard.internal.connection;

import dev.switchboard.HubOptions;
import dev.switchboard.internal.protocol.HubMessage;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.SerializedOnce;
import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.spi.SerializedMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub side sends one connection's client: hub messages written in the protocol agreed at the handshake,
 * broadcasts' shared bytes, invocations awaiting the client's result, and stream items as the outgoing queue has
 * room. A client that lets more pile up than the queue's bounds is reported as too slow.
 */
final class OutgoingMessages {

    private static final Logger log = LoggerFactory.getLogger(OutgoingMessages.class);

    private final String connectionId;
    private final HubOptions options;
    private final OutgoingQueue queue;
    private final ClientResults results;
    private final ConnectionTimers clock;
    private final Executor hubExecutor;
    private final Consumer<String> tooSlow;
    private volatile HubProtocol protocol;
    /** Null unless the connection uses stateful reconnect: then trackable messages are numbered and kept. */
    private volatile StatefulReconnect stateful;

    /**
     * @param tooSlow told why the client is too slow: a bound of the queue, or stateful reconnect's budget, which it
     *        broke
     */
    OutgoingMessages(String connectionId, HubOptions options, OutgoingQueue queue, ClientResults results,
                     ConnectionTimers clock, Executor hubExecutor, Consumer<String> tooSlow) {
        this.connectionId = connectionId;
        this.options = options;
        this.queue = queue;
        this.results = results;
        this.clock = clock;
        this.hubExecutor = hubExecutor;
        this.tooSlow = tooSlow;
    }

    /** The protocol agreed at the handshake: hub messages are written in it from now on. */
    void protocol(HubProtocol agreed) {
        this.protocol = agreed;
    }

    /** {@return the protocol agreed at the handshake, or null before} */
    HubProtocol protocol() {
        return protocol;
    }

    /** Numbers and keeps trackable messages from now on, for stateful reconnect; see {@link StatefulReconnect}. */
    void statefulReconnect(StatefulReconnect bookkeeping) {
        this.stateful = bookkeeping;
    }

    /**
     * Resumes on {@code transport} after a reconnect: the Sequence first, then the messages the client has not
     * acknowledged, in their order, then what is sent from now on.
     */
    void resume(TransportSender transport) {
        StatefulReconnect bookkeeping = stateful;
        StatefulReconnect.Resend resend;
        // Under the lock trackable sends take: none comes between the resend and those it holds.
        synchronized (bookkeeping) {
            queue.reattach(transport);
            resend = bookkeeping.resume();
            resend.kept().forEach(this::send);
        }
        queue.uncork(protocol.write(resend.sequence()));
        clock.sent();
    }

    /** A payload that is not numbered: a Ping, an Ack, a Close. */
    void send(Payload payload) {
        switch (queue.offer(payload)) {
            case QUEUED -> clock.sent();
            case TOO_MANY_BYTES -> tooSlow.accept(waiting(options.maximumSendBufferSize() + " bytes"));
            case TOO_MANY_MESSAGES -> tooSlow.accept(waiting(options.maximumSendBufferMessages() + " messages"));
            case CLOSED -> log.trace("Dropped a message for closed connection {}", connectionId);
        }
    }

    void send(HubMessage message) {
        Payload payload = protocol.write(message);
        if (StatefulReconnect.trackable(message)) {
            sendTrackable(payload);
        } else {
            send(payload);
        }
    }

    /**
     * A trackable payload: as any other when stateful reconnect is off, else numbered and kept as it is queued,
     * in one step so that the numbers follow the order on the wire. One that would take what is kept past the
     * budget closes the connection as too slow instead; the client may reconnect, as a new connection.
     */
    private void sendTrackable(Payload payload) {
        StatefulReconnect bookkeeping = stateful;
        if (bookkeeping == null) {
            send(payload);
            return;
        }
        boolean kept;
        synchronized (bookkeeping) {
            kept = bookkeeping.keep(payload);
            if (kept) {
                send(payload);
            }
        }
        if (!kept) {
            // Never a wait, as ASP.NET Core's sender does: a broadcast must not stall on one client.
            tooSlow.accept("Client too slow: more than " + options.statefulReconnectBufferSize()
                    + " bytes not acknowledged.");
        }
    }

    private static String waiting(String bound) {
        return "Client too slow: more than " + bound + " waiting to be sent.";
    }

    /** A message serialized once for many connections: its bytes in this connection's protocol are shared. */
    void send(SerializedMessage message) {
        HubProtocol agreed = protocol;
        if (agreed == null) {
            return;
        }
        // SerializedOnce is the one kind of message, so that the bytes are shared and nothing is wrapped per send.
        Payload payload = ((SerializedOnce) message).payloadFor(agreed);
        if (payload != null) {
            sendTrackable(payload);
        } else {
            log.warn("Dropped a message from another server for connection {}: it was not sent in protocol '{}'",
                    connectionId, agreed.name());
        }
    }

    /** See {@link HubConnectionContext#invoke}. */
    CompletableFuture<Object> invoke(String method, List<?> args) {
        ClientResults.Pending pending = results.add(method);
        if (!pending.result().isDone()) {
            try {
                send(new InvocationMessage(pending.invocationId(), method, args, List.of(), Map.of()));
            } catch (RuntimeException e) {
                results.fail(pending.invocationId(), e);
            }
        }
        return pending.result();
    }

    /** See {@link HubConnectionContext#streamItemRoom}. */
    boolean streamItemRoom(Runnable onRoom) {
        return queue.hasRoom(() -> {
            try {
                hubExecutor.execute(onRoom);
            } catch (RejectedExecutionException e) {
                log.debug("Hub executor is shut down; stream of connection {} stops", connectionId);
            }
        });
    }
}
