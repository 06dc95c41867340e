// The minified MessagePack script, whose build also shortens @msgpack/msgpack's private members (scripts/build.mjs):
// it still writes byte for byte what upstream writes and reads it back as upstream does, with every value kind the
// hub protocol carries (bin, Timestamp, str8, float64, int64); and with the options callers pass, as the module
// unminified does (upstream bundles @msgpack/msgpack 2, which knows fewer of them).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { runInThisContext } from "node:vm";
import { ExtensionCodec } from "@msgpack/msgpack";
import { MessagePackHubProtocol as Upstream } from "@microsoft/signalr-protocol-msgpack";
import { NullLogger } from "../../src/logging.js";
import { MessagePackHubProtocol as Unminified } from "../../src/msgpack/index.js";

runInThisContext(readFileSync(new URL("../../dist/switchboard-msgpack.min.js", import.meta.url), "utf8"));
const { MessagePackHubProtocol } = globalThis.signalR.protocols.msgpack;
const bytes = (buffer) => [...new Uint8Array(buffer)];

const VALUES = ["", "é".repeat(20), "x".repeat(70000), 0, -1, 127, -33, 255, 65536, -(2 ** 31), 2 ** 53 - 1, -(2 ** 40),
    0.5, -1.25e300, NaN, true, false, null, new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), new Date(-1),
    new Uint8Array([0, 1, 255]), new Uint8Array(300), [[1, [2, [3]]]], { a: { b: [1, "c"] }, "": null }, 2n ** 63n - 1n];
const messages = (values) => values.map((item, i) => ({ type: 2, headers: {}, invocationId: String(i), item }));

const roundTrip = (options, Reference = Upstream) => {
    const ours = new MessagePackHubProtocol(options);
    const upstream = new Reference(options);
    for (const message of messages(options?.useBigInt64 ? VALUES : VALUES.slice(0, -1))) {
        const written = ours.writeMessage(message);
        assert.deepEqual(bytes(written), bytes(upstream.writeMessage(message)), String(message.item));
        assert.deepEqual(ours.parseMessages(written, NullLogger.instance),
            upstream.parseMessages(written, NullLogger.instance), String(message.item));
    }
};

test("the minified script writes and reads every value kind as upstream", () => roundTrip());

test("and with the options callers pass to @msgpack/msgpack", () => {
    roundTrip({ forceFloat32: true, sortKeys: true, ignoreUndefined: true, useBigInt64: true }, Unminified);
    roundTrip({ forceIntegerToFloat: true, initialBufferSize: 16, maxDepth: 50 }, Unminified);
    assert.throws(() => new MessagePackHubProtocol({ maxStrLength: 2 }).parseMessages(
        new Upstream().writeMessage(messages(["long"])[0]), NullLogger.instance), /Max length exceeded/);
});

test("and with an extension codec of the caller's", () => {
    class Point {
        constructor(x) {
            this.x = x;
        }
    }
    const extensionCodec = new ExtensionCodec();
    extensionCodec.register({
        type: 1,
        encode: (value) => (value instanceof Point ? new Uint8Array([value.x]) : null),
        decode: (data) => new Point(data[0]),
    });
    const written = new MessagePackHubProtocol({ extensionCodec }).writeMessage(messages([new Point(9)])[0]);
    assert.deepEqual(bytes(written), bytes(new Upstream({ extensionCodec }).writeMessage(messages([new Point(9)])[0])));
    const [read] = new MessagePackHubProtocol({ extensionCodec }).parseMessages(written, NullLogger.instance);
    assert.ok(read.item instanceof Point && read.item.x === 9);
});
