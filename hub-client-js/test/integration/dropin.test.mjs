// The drop-in test in Node: test/dropin/page.js, written only against @microsoft/signalr's documented API, run
// with the official client (and its MessagePack module) as `signalR`, then with ours swapped in. Each answer of
// ours must equal the official client's. It compares both clients itself, so it runs once (not again with
// SWITCHBOARD_CLIENT=official).
import assert from "node:assert/strict";
import { test } from "node:test";

const base = process.env.SWITCHBOARD_URL;
if (!base) {
    throw new Error("SWITCHBOARD_URL is not set: run these tests through Maven (ClientIntegrationTest)");
}

/** The global `signalR` a page has after loading a client's script and its MessagePack script. */
async function scripts(client, msgpack) {
    return { ...await import(client), protocols: { msgpack: await import(msgpack) } };
}

await import("../dropin/page.js");

test("a page written for @microsoft/signalr gives the same results with ours swapped in",
    { skip: process.env.SWITCHBOARD_CLIENT === "official" && "compares both clients in the other run" }, async () => {
        globalThis.signalR = await scripts("@microsoft/signalr", "@microsoft/signalr-protocol-msgpack");
        const official = await globalThis.dropIn(base);
        globalThis.signalR = await scripts("../../src/index.js", "../../src/msgpack/index.js");
        const ours = await globalThis.dropIn(base);
        delete globalThis.signalR;
        for (const key of Object.keys(official)) {
            assert.deepEqual(ours[key], official[key], key);
        }
        assert.deepEqual(Object.keys(ours), Object.keys(official));
        // What the page saw is what it should have, not only the same for both.
        assert.deepEqual(ours["json WebSockets"].items, [0, 1, 2]);
        assert.deepEqual(ours["msgpack WebSockets"].items, [0, 1, 2]);
        assert.equal(ours["msgpack LongPolling"].echo, "héllo ✓");
        assert.deepEqual(ours["stateful WebSockets"].items, [0, 1, 2]);
        assert.equal(ours["json LongPolling"].closeArgument, "undefined");
        assert.deepEqual(ours["json LongPolling"].requests, ["DELETE", "GET", "POST"]);
        assert.equal(ours.notFound.errorType, "FailedToNegotiateWithServerError");
        console.log(JSON.stringify(ours, null, 1));
    });
