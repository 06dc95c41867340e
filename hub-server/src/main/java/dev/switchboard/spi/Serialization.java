package dev.switchboard.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.HubOptions;
import dev.switchboard.internal.protocol.HubProtocols;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.internal.protocol.ProtocolSerialization;
import java.util.List;
import java.util.Map;

/**
 * How a server writes messages: in every protocol its connections may speak, and the hub's payloads with its
 * mapper. A backplane uses it to send other servers a message in whichever protocol their connections speak.
 */
public interface Serialization {

    /**
     * The message in every protocol of the server, each serialized at most once for all its uses.
     *
     * @param message the message
     * @return its bytes by protocol name, which must not be modified
     */
    Map<String, byte[]> write(SerializedMessage message);

    /** {@return the mapper of the hub's payloads, such as client results' arguments and answers} */
    ObjectMapper mapper();

    /** {@return what a server uses unless configured otherwise: JSON and MessagePack, with SignalR's JSON settings} */
    static Serialization defaults() {
        ObjectMapper mapper = JsonMappers.signalR();
        return new ProtocolSerialization(HubProtocols.of(List.of(HubOptions.JSON, HubOptions.MESSAGEPACK), mapper).values(),
                mapper);
    }
}
