package dev.switchboard.internal.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.spi.SerializedMessage;
import dev.switchboard.spi.Serialization;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A server's protocols and mapper, as its lifetime managers see them. */
public record ProtocolSerialization(Collection<HubProtocol> protocols, ObjectMapper mapper) implements Serialization {

    public ProtocolSerialization {
        protocols = List.copyOf(protocols);
    }

    @Override
    public Map<String, byte[]> write(SerializedMessage message) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        ((SerializedOnce) message).payloadsFor(protocols).forEach((name, payload) -> bytes.put(name, payload.bytes()));
        return bytes;
    }
}
