package dev.switchboard.spi;

import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.SerializedOnce;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message for many connections, serialized at most once per protocol however many connections receive it:
 * each of them is handed the same bytes. Make one with {@link #invocation(String, List)} or, for what another
 * server sent, {@link #ofPayloads(Map)}; the server's own connections rely on these being the only kinds, so
 * do not implement this interface.
 */
public interface SerializedMessage {

    /**
     * A non-blocking invocation of a client method, as every {@code Clients} send makes.
     *
     * @param method the client method
     * @param args   its arguments
     * @return the message, not serialized yet
     */
    static SerializedMessage invocation(String method, List<?> args) {
        return new SerializedOnce(InvocationMessage.nonBlocking(method, args));
    }

    /**
     * A message already serialized, as another server sent it; a connection of a protocol not among these gets
     * nothing.
     *
     * @param payloads the message's bytes by protocol name, which must not be modified afterwards
     * @return the message
     */
    static SerializedMessage ofPayloads(Map<String, byte[]> payloads) {
        Map<String, Payload> wrapped = new LinkedHashMap<>();
        payloads.forEach((protocol, bytes) -> wrapped.put(protocol, new Payload(bytes)));
        return SerializedOnce.ofPayloads(wrapped);
    }
}
