// MessagePack and stateful reconnect against the real server, with ours and (SWITCHBOARD_CLIENT=official) the
// official client.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import { startProxy } from "./proxy.mjs";

const official = process.env.SWITCHBOARD_CLIENT === "official";
const { HttpTransportType, HubConnectionBuilder, LogLevel } = official
    ? await import("@microsoft/signalr") : await import("../../src/index.js");
const { MessagePackHubProtocol } = official
    ? await import("@microsoft/signalr-protocol-msgpack") : await import("../../src/msgpack/index.js");
const base = process.env.SWITCHBOARD_URL;
if (!base) {
    throw new Error("SWITCHBOARD_URL is not set: run these tests through Maven (ClientIntegrationTest)");
}
const open = [];
let proxy;
before(async () => {
    proxy = await startProxy(Number(new URL(base).port));
});
afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));
after(() => proxy.close());

function build(url, options, configure) {
    const connection = configure(new HubConnectionBuilder().withUrl(url, options).configureLogging(LogLevel.None))
        .build();
    open.push(connection);
    return connection;
}

/** Resolves when `predicate()` holds, checking on each call of `method`; rejects after `ms`. */
function until(connection, method, predicate, ms = 30000) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting on '${method}'`)), ms);
        connection.on(method, () => {
            if (predicate()) {
                clearTimeout(timer);
                resolve();
            }
        });
    });
}

describe("MessagePack", () => {
    for (const name of ["WebSockets", "LongPolling"]) {
        test(`over ${name}: invoke, stream, server calls, errors`, async () => {
            const connection = build(`${base}/hub`, { transport: HttpTransportType[name] },
                (b) => b.withHubProtocol(new MessagePackHubProtocol()));
            await connection.start();
            assert.equal(await connection.invoke("echo", "héllo ✓"), "héllo ✓");
            assert.equal(await connection.invoke("add", 2 ** 30, 5), 2 ** 30 + 5);
            const items = await new Promise((resolve, reject) => {
                const got = [];
                connection.stream("counter", 4).subscribe({ next: (i) => got.push(i), error: reject, complete: () => resolve(got) });
            });
            assert.deepEqual(items, [0, 1, 2, 3]);
            const received = new Promise((resolve) => connection.on("received", resolve));
            await connection.send("tellCaller", "over msgpack");
            assert.equal(await received, "over msgpack");
            await assert.rejects(connection.invoke("fail", "nope"), /nope/);
        });
    }
});

describe("stateful reconnect", () => {
    test("a socket cut mid-stream loses and repeats nothing, on the same connection", async () => {
        const connection = build(`${proxy.url}/stateful`, { transport: HttpTransportType.WebSockets },
            (b) => b.withStatefulReconnect());
        const events = [];
        connection.onreconnecting(() => events.push("reconnecting"));
        connection.onclose(() => events.push("closed"));
        const numbers = [];
        connection.on("number", (n) => numbers.push(n));
        await connection.start();
        const id = connection.connectionId;
        const count = 2000;
        const cut = until(connection, "number", () => numbers.length >= 300);
        const all = until(connection, "number", () => numbers.length >= count);
        await connection.invoke("numbers", count);
        await cut;
        proxy.drop();
        await all;
        assert.deepEqual(numbers, Array.from({ length: count }, (_, i) => i + 1), "every number once, in order");
        assert.equal(connection.connectionId, id);
        assert.equal(await connection.invoke("echo", "still here"), "still here");
        assert.deepEqual(events, [], "resumed without onreconnecting or onclose, as upstream");
    });
});
