package dev.switchboard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.TransportEnum;
import dev.switchboard.testing.MessagePackRecords;
import dev.switchboard.testing.RawWebSocket;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferOutput;

/**
 * A MessagePack client on one server and a JSON client (the official Java client) on another, on one real Redis:
 * what the JSON client's server sends through the backplane reaches the MessagePack client in MessagePack, for a
 * broadcast, a group and a client result, since each server sends the others a message in every protocol its hubs
 * support.
 */
class MessagePackScaleOutTest {

    private Cluster cluster;
    private RawWebSocket binary;
    private final MessagePackRecords received = new MessagePackRecords();

    @BeforeEach
    void start() throws Exception {
        cluster = Cluster.start(2);
        binary = RawWebSocket.connect(URI.create("ws://127.0.0.1:" + cluster.servers.get(0).port() + "/scale"));
        binary.sendText("{\"protocol\":\"messagepack\",\"version\":1}\u001e");
        assertEquals("{}", received.next(binary));
    }

    @AfterEach
    void stop() throws Exception {
        try (RawWebSocket closing = binary) {
            cluster.close();
        }
    }

    /** [1, {}, id, target, [arguments...]] */
    private static byte[] invocation(String id, String target, String... arguments) throws IOException {
        ArrayBufferOutput out = new ArrayBufferOutput();
        try (MessagePacker packer = MessagePack.newDefaultPacker(out)) {
            packer.packArrayHeader(5).packInt(1).packMapHeader(0).packString(id).packString(target)
                    .packArrayHeader(arguments.length);
            for (String argument : arguments) {
                packer.packString(argument);
            }
        }
        return record(out.toByteArray());
    }

    /** [3, {}, id, 3, result] */
    private static byte[] completion(String id, String result) throws IOException {
        ArrayBufferOutput out = new ArrayBufferOutput();
        try (MessagePacker packer = MessagePack.newDefaultPacker(out)) {
            packer.packArrayHeader(5).packInt(3).packMapHeader(0).packString(id).packInt(3).packString(result);
        }
        return record(out.toByteArray());
    }

    private static byte[] record(byte[] body) {
        assertTrue(body.length < 128, "one byte of length");
        byte[] record = new byte[body.length + 1];
        record[0] = (byte) body.length;
        System.arraycopy(body, 0, record, 1, body.length);
        return record;
    }

    /** The elements of the next record, as msgpack-core reads them. */
    private MessageUnpacker next() throws Exception {
        MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(MessagePackRecords.bytes(received.next(binary)));
        unpacker.unpackArrayHeader();
        return unpacker;
    }

    private String connectionId() throws Exception {
        binary.sendBinary(invocation("1", "whoAmI"));
        MessageUnpacker completion = next();
        assertEquals(3, completion.unpackInt());
        completion.skipValue();
        assertEquals("1", completion.unpackString());
        assertEquals(3, completion.unpackInt());
        return completion.unpackString();
    }

    private void expectMessage(String text) throws Exception {
        MessageUnpacker invocation = next();
        assertEquals(1, invocation.unpackInt());
        invocation.skipValue();
        invocation.unpackNil();
        assertEquals("msg", invocation.unpackString());
        assertEquals(1, invocation.unpackArrayHeader());
        assertEquals(text, invocation.unpackString());
    }

    @Test
    void whatAnotherServerSendsReachesAMessagePackClient() throws Exception {
        String id = connectionId();
        Cluster.Client json = cluster.connect(1, "bob", TransportEnum.WEBSOCKETS);
        json.call("toAll", "to all ✓");
        expectMessage("to all ✓");
        json.expect("to all ✓");

        json.call("addToGroup", id, "g");
        json.call("toGroup", "g", "to g");
        expectMessage("to g");

        Single<String> answer = json.connection.invoke(String.class, "ask", id, "ready?");
        MessageUnpacker asked = next();
        assertEquals(1, asked.unpackInt());
        asked.skipValue();
        String invocationId = asked.unpackString();
        assertEquals("answer", asked.unpackString());
        assertEquals(1, asked.unpackArrayHeader());
        assertEquals("ready?", asked.unpackString());
        binary.sendBinary(completion(invocationId, "yes, in MessagePack"));
        assertEquals("yes, in MessagePack", answer.timeout(Cluster.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet());
    }
}
