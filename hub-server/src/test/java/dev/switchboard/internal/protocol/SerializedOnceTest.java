package dev.switchboard.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SerializedOnceTest {

    /** Wraps a protocol, by default JSON under another name, counting writes. */
    private static final class CountingProtocol implements HubProtocol {
        private final String name;
        private final HubProtocol json;
        final AtomicInteger writes = new AtomicInteger();

        CountingProtocol(String name) {
            this(name, new JsonHubProtocol(JsonMappers.signalR()));
        }

        CountingProtocol(String name, HubProtocol wrapped) {
            this.name = name;
            this.json = wrapped;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public TransferFormat transferFormat() {
            return TransferFormat.TEXT;
        }

        @Override
        public void parseMessages(InputBuffer input, int maxMessageSize, Consumer<HubMessage> sink)
                throws ProtocolException {
            json.parseMessages(input, maxMessageSize, sink);
        }

        @Override
        public Payload write(HubMessage message) {
            writes.incrementAndGet();
            return json.write(message);
        }
    }

    private static Payload payload(String text) {
        return new Payload(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void payloadIsSerializedOncePerProtocol() {
        HubMessage message = InvocationMessage.nonBlocking("Hello", List.of("world"));
        SerializedOnce serialized = new SerializedOnce(message);
        CountingProtocol json = new CountingProtocol("json");
        CountingProtocol other = new CountingProtocol("other");

        Payload first = serialized.payloadFor(json);
        assertSame(first, serialized.payloadFor(json));
        assertEquals(1, json.writes.get());

        Payload forOther = serialized.payloadFor(other);
        assertNotSame(first, forOther);
        assertSame(forOther, serialized.payloadFor(other));
        assertEquals(1, other.writes.get());
        assertEquals(1, json.writes.get());

        assertSame(message, serialized.message());
        assertEquals("{\"type\":1,\"target\":\"Hello\",\"arguments\":[\"world\"]}\u001e", first.text());
    }

    @Test
    void aBroadcastToJsonAndMessagePackConnectionsAndABackplaneIsSerializedOncePerProtocol() {
        CountingProtocol json = new CountingProtocol("json");
        CountingProtocol messagePack = new CountingProtocol("messagepack",
                new MessagePackHubProtocol(JsonMappers.signalR()));
        SerializedOnce serialized = new SerializedOnce(InvocationMessage.nonBlocking("msg", List.of("hi", 42)));
        Set<Payload> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int connection = 0; connection < 1000; connection++) {
            distinct.add(serialized.payloadFor(connection % 3 == 0 ? messagePack : json));
        }
        Map<String, byte[]> forOtherServers = new ProtocolSerialization(List.of(json, messagePack),
                JsonMappers.signalR()).write(serialized);
        assertEquals(1, json.writes.get());
        assertEquals(1, messagePack.writes.get());
        assertEquals(2, distinct.size(), "every connection of a protocol is handed the same bytes");
        assertSame(serialized.payloadFor(messagePack).bytes(), forOtherServers.get("messagepack"));
        assertEquals("0e 96 01 80 c0 a3 6d 73 67 92 a2 68 69 2a 90",
                HexFormat.ofDelimiter(" ").formatHex(forOtherServers.get("messagepack")));
    }

    @Test
    void concatJoinsBytesInOrder() {
        Payload joined = Payload.concat(List.of(payload("ab"), payload(""), payload("c"), payload("dé")));
        assertArrayEquals("abcdé".getBytes(StandardCharsets.UTF_8), joined.bytes());
        assertEquals(6, joined.size());
        assertEquals("abcdé", joined.text());
    }

    @Test
    void concatOfOnePayloadIsThatPayload() {
        Payload only = payload("x");
        assertSame(only, Payload.concat(List.of(only)));
    }

    @Test
    void textIsDecodedAsUtf8Once() {
        Payload payload = payload("héllo \uD83D\uDE00");
        String text = payload.text();
        assertEquals("héllo \uD83D\uDE00", text);
        assertSame(text, payload.text());
        assertSame(text, payload.toString());
    }
}
