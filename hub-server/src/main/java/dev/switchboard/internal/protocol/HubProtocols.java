package dev.switchboard.internal.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The hub protocols by the names clients give in the handshake, lower-case. */
public final class HubProtocols {

    /**
     * The most bytes a protocol's framing adds to a record of the maximum message size: MessagePack's length prefix;
     * JSON's separator is one. A transport unit may carry that much more before it is too long.
     */
    public static final int MAX_FRAMING_BYTES = LengthPrefix.MAX_BYTES;

    private HubProtocols() {
    }

    /**
     * One instance of each protocol named, JSON first, sharing {@code mapper}'s settings for payloads.
     *
     * @throws IllegalArgumentException for a name that is not a protocol
     */
    public static Map<String, HubProtocol> of(Collection<String> names, ObjectMapper mapper) {
        Map<String, HubProtocol> protocols = new LinkedHashMap<>();
        if (names.contains(JsonHubProtocol.NAME)) {
            protocols.put(JsonHubProtocol.NAME, new JsonHubProtocol(mapper));
        }
        if (names.contains(MessagePackHubProtocol.NAME)) {
            protocols.put(MessagePackHubProtocol.NAME, new MessagePackHubProtocol(mapper));
        }
        if (protocols.size() != Set.copyOf(names).size()) {
            throw new IllegalArgumentException("Unknown hub protocol among " + names);
        }
        return Collections.unmodifiableMap(protocols);
    }

    /** Those of {@code protocols} that {@code names} lists, the same instances. */
    public static Map<String, HubProtocol> only(Map<String, HubProtocol> protocols, Set<String> names) {
        Map<String, HubProtocol> chosen = new LinkedHashMap<>(protocols);
        chosen.keySet().retainAll(names);
        return Collections.unmodifiableMap(chosen);
    }
}
