// The MessagePack module: byte for byte what @microsoft/signalr-protocol-msgpack 10.0.11 writes, and it reads
// what upstream writes; upstream's errors for bad input.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MessagePackHubProtocol as Upstream } from "@microsoft/signalr-protocol-msgpack";
import { MessagePackHubProtocol } from "../../src/msgpack/index.js";
import { HubConnection } from "../../src/hub-connection.js";
import { NullLogger } from "../../src/logging.js";
import { FakeConnection, flush } from "./fakes.js";

const ours = new MessagePackHubProtocol();
const upstream = new Upstream();
const bytes = (buffer) => [...new Uint8Array(buffer)];

const MESSAGES = [
    { type: 1, headers: {}, target: "send", arguments: ["hi", 1, 2.5, true, null, [1, { a: "b" }]] },
    { type: 1, headers: { h: "v" }, invocationId: "7", target: "add", arguments: [1, 2], streamIds: ["8"] },
    { type: 4, headers: {}, invocationId: "3", target: "counter", arguments: [10] },
    { type: 2, headers: {}, invocationId: "3", item: { n: 2 ** 40 } },
    { type: 3, headers: {}, invocationId: "3", result: "x".repeat(300) },
    { type: 3, headers: {}, invocationId: "4", error: "boom" },
    { type: 3, headers: {}, invocationId: "5" },
    { type: 5, headers: {}, invocationId: "3" },
    { type: 6 },
    { type: 8, sequenceId: 12 },
    { type: 9, sequenceId: 1 },
];

describe("MessagePackHubProtocol", () => {
    test("has upstream's name, version and binary transfer format", () => {
        assert.deepEqual([ours.name, ours.version, ours.transferFormat], ["messagepack", 2, 2]);
    });

    test("writes each message type byte for byte as upstream, with the varint length prefix", () => {
        for (const message of MESSAGES) {
            assert.deepEqual(bytes(ours.writeMessage(message)), bytes(upstream.writeMessage(message)), JSON.stringify(message));
        }
        assert.deepEqual(bytes(ours.writeMessage({ type: 7 })), [3, 0x92, 7, 0xc0]);
    });

    test("reads what upstream writes, several messages in one buffer, as upstream reads them", () => {
        const buffers = MESSAGES.map((message) => new Uint8Array(upstream.writeMessage(message)));
        const all = new Uint8Array(buffers.reduce((sum, b) => sum + b.length, 0));
        buffers.reduce((offset, b) => (all.set(b, offset), offset + b.length), 0);
        assert.deepEqual(ours.parseMessages(all.buffer, NullLogger.instance),
            upstream.parseMessages(all.buffer, NullLogger.instance));
    });

    test("reads a server's Close with and without allowReconnect", () => {
        const close = (...items) => new Uint8Array([items.length + 1, 0x90 + items.length, ...items]).buffer;
        assert.deepEqual(ours.parseMessages(close(7, 0xc0), NullLogger.instance),
            [{ type: 7, error: null, allowReconnect: undefined }]);
        assert.deepEqual(ours.parseMessages(close(7, 0xc0, 0xc3), NullLogger.instance),
            [{ type: 7, error: null, allowReconnect: true }]);
    });

    test("bad input fails with upstream's messages; an unknown type is skipped", () => {
        assert.throws(() => ours.parseMessages("text", NullLogger.instance),
            { message: "Invalid input for MessagePack hub protocol. Expected an ArrayBuffer." });
        assert.throws(() => ours.parseMessages(new Uint8Array([5, 0x91]).buffer, NullLogger.instance),
            { message: "Incomplete message." });
        assert.throws(() => ours.parseMessages(new Uint8Array([0x80]).buffer, NullLogger.instance),
            { message: "Cannot read message size." });
        assert.throws(() => ours.parseMessages(new Uint8Array([0]).buffer, NullLogger.instance),
            { message: "Invalid payload." });
        assert.throws(() => ours.parseMessages(new Uint8Array([2, 0x91, 3]).buffer, NullLogger.instance),
            { message: "Invalid payload for Completion message." });
        assert.deepEqual(ours.parseMessages(new Uint8Array([2, 0x91, 99]).buffer, NullLogger.instance), []);
    });
});

describe("a HubConnection with MessagePackHubProtocol", () => {
    test("handshakes in JSON, then reads and writes binary messages, the first ones in the handshake's delivery",
        async (t) => {
            const connection = new FakeConnection();
            const hub = new HubConnection(connection, NullLogger.instance, undefined, ours);
            t.after(() => hub.stop());
            const got = new Promise((resolve) => hub.on("news", resolve));
            const started = hub.start();
            await flush();
            assert.equal(connection.sent[0], '{"protocol":"messagepack","version":1}\x1e');
            const invocation = new Uint8Array(upstream.writeMessage({ type: 1, target: "news", arguments: ["hot"] }));
            connection.onreceive(new Uint8Array([...new TextEncoder().encode("{}\x1e"), ...invocation]).buffer);
            await started;
            assert.equal(await got, "hot");
            const sending = hub.invoke("add", 1, 2);
            await flush();
            const [sent] = upstream.parseMessages(connection.sent.at(-1), NullLogger.instance);
            assert.deepEqual([sent.type, sent.target, sent.arguments], [1, "add", [1, 2]]);
            connection.onreceive(upstream.writeMessage({ type: 3, invocationId: sent.invocationId, result: 3 }));
            assert.equal(await sending, 3);
        });
});
