// hub-connection.js: the server's Close message, losing the connection, and automatic reconnect.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DefaultReconnectPolicy } from "../../src/builder.js";
import { AbortError } from "../../src/errors.js";
import { HubConnectionState } from "../../src/hub-connection.js";
import { deferred, flush, startedHub } from "./fakes.js";

/** A policy that waits the given delays, recording every retry context it is asked about. */
function recordingPolicy(delays) {
    const contexts = [];
    return {
        contexts,
        nextRetryDelayInMilliseconds(context) {
            contexts.push(context);
            return delays[context.previousRetryCount] ?? null;
        },
    };
}

/** Records the hub's events in order: reconnecting, reconnected and close, each with its argument. */
function events(hub) {
    const list = [];
    const next = { close: deferred(), reconnected: deferred(), reconnecting: deferred() };
    hub.onreconnecting((error) => { list.push(["reconnecting", error?.message]); next.reconnecting.resolve(error); });
    hub.onreconnected((id) => { list.push(["reconnected", id]); next.reconnected.resolve(id); });
    hub.onclose((error) => { list.push(["close", error?.message]); next.close.resolve(error); });
    return { list, closed: next.close.promise, reconnected: next.reconnected.promise, reconnecting: next.reconnecting.promise };
}

describe("the server's Close message", () => {
    test("with an error and no allowReconnect closes with that error and does not reconnect", async (t) => {
        const { hub, connection } = await startedHub(t, { policy: new DefaultReconnectPolicy([0]) });
        const seen = events(hub);
        connection.receive({ type: 7, error: "Connection closed with an error." });
        const error = await seen.closed;
        assert.equal(error.message, "Server returned an error on close: Connection closed with an error.");
        assert.deepEqual(seen.list, [["close", error.message]]);
        assert.equal(hub.state, HubConnectionState.Disconnected);
        assert.equal(connection.startCount, 1);
        assert.deepEqual(await connection.nextSent(), { type: 7 }, "the client answers with a Close of its own");
    });

    test("without an error closes without one", async (t) => {
        const { hub, connection } = await startedHub(t);
        const seen = events(hub);
        connection.receive({ type: 7 });
        assert.equal(await seen.closed, undefined);
        assert.equal(hub.state, HubConnectionState.Disconnected);
    });

    test("with allowReconnect reconnects", async (t) => {
        const { hub, connection } = await startedHub(t, { policy: new DefaultReconnectPolicy([0]) });
        const seen = events(hub);
        connection.receive({ type: 7, error: "Server is restarting.", allowReconnect: true });
        assert.equal((await seen.reconnecting).message, "Server returned an error on close: Server is restarting.");
        assert.equal(await seen.reconnected, "conn-2");
        assert.equal(hub.state, HubConnectionState.Connected);
        assert.equal(connection.stopCalls[0].message, "Server returned an error on close: Server is restarting.");
    });

    test("with allowReconnect but no reconnect policy closes", async (t) => {
        const { hub, connection } = await startedHub(t);
        const seen = events(hub);
        connection.receive({ type: 7, error: "bye", allowReconnect: true });
        assert.equal((await seen.closed).message, "Server returned an error on close: bye");
        assert.equal(connection.startCount, 1);
    });
});

describe("losing the connection", () => {
    test("without a reconnect policy closes with the transport's error", async (t) => {
        const { hub, connection } = await startedHub(t);
        const seen = events(hub);
        connection.drop(new Error("WebSocket closed with status code: 1006 (no reason given)."));
        assert.equal((await seen.closed).message, "WebSocket closed with status code: 1006 (no reason given).");
        assert.equal(hub.state, HubConnectionState.Disconnected);
    });

    test("after a reconnect without negotiate, onreconnected gets undefined, as upstream; connectionId is null", async (t) => {
        const { hub, connection } = await startedHub(t, { policy: new DefaultReconnectPolicy([0]) });
        const seen = events(hub);
        const start = connection.start.bind(connection);
        connection.start = async () => {
            await start();
            connection.connectionId = undefined;
        };
        connection.drop(new Error("lost"));
        assert.equal(await seen.reconnected, undefined);
        assert.deepEqual(seen.list, [["reconnecting", "lost"], ["reconnected", undefined]]);
        assert.equal(hub.connectionId, null);
    });

    test("reconnects: onreconnecting with the error, then onreconnected with the new id; handlers stay", async (t) => {
        const { hub, connection } = await startedHub(t, { policy: new DefaultReconnectPolicy([0]) });
        const seen = events(hub);
        const calls = [];
        hub.on("news", (item) => calls.push(item));

        connection.drop(new Error("lost"));
        assert.equal(hub.state, HubConnectionState.Reconnecting);
        assert.equal((await seen.reconnecting).message, "lost");
        assert.equal(await seen.reconnected, "conn-2");
        assert.deepEqual(seen.list, [["reconnecting", "lost"], ["reconnected", "conn-2"]]);
        assert.equal(hub.state, HubConnectionState.Connected);
        assert.equal(hub.connectionId, "conn-2");

        assert.deepEqual(await connection.nextSent(), { protocol: "json", version: 1 }, "a new handshake");
        connection.receive({ type: 1, target: "News", arguments: ["after"] });
        assert.deepEqual(calls, ["after"]);
        const result = hub.invoke("Echo", 1);
        const { invocationId } = await connection.nextSent();
        connection.receive({ type: 3, invocationId, result: 1 });
        assert.equal(await result, 1);
    });

    test("while reconnecting, calls fail at once", async (t) => {
        const { hub, connection } = await startedHub(t, { policy: { nextRetryDelayInMilliseconds: () => 60000 } });
        connection.drop(new Error("lost"));
        assert.equal(hub.state, HubConnectionState.Reconnecting);
        await assert.rejects(hub.invoke("Echo"), { message: /not in the 'Connected' State/ });
        await hub.stop();
    });

    test("attempts follow the policy's delays", async (t) => {
        t.mock.timers.enable({ apis: ["setTimeout"] });
        const policy = recordingPolicy([100, 1000, 5000]);
        const { hub, connection } = await startedHub(t, { policy });
        const seen = events(hub);
        connection.startPlan = [new Error("attempt 1 failed"), new Error("attempt 2 failed")];

        connection.drop(new Error("lost"));
        const startsAfter = async (ms) => {
            t.mock.timers.tick(ms);
            await flush();
            return connection.startCount;
        };
        assert.equal(await startsAfter(99), 1);
        assert.equal(await startsAfter(1), 2);
        assert.equal(await startsAfter(999), 2);
        assert.equal(await startsAfter(1), 3);
        assert.equal(await startsAfter(4999), 3);
        assert.equal(await startsAfter(1), 4);

        assert.equal(await seen.reconnected, "conn-4");
        assert.deepEqual(policy.contexts.map((c) => [c.previousRetryCount, c.retryReason.message]),
            [[0, "lost"], [1, "attempt 1 failed"], [2, "attempt 2 failed"]]);
        assert.ok(policy.contexts.every((c) => c.elapsedMilliseconds >= 0));
        assert.deepEqual(seen.list, [["reconnecting", "lost"], ["reconnected", "conn-4"]]);
    });

    test("a failed handshake counts as a failed attempt", async (t) => {
        const policy = recordingPolicy([0, 0]);
        const { hub, connection } = await startedHub(t, { policy });
        const seen = events(hub);
        connection.autoHandshake = false;
        connection.drop(new Error("lost"));
        assert.deepEqual(await connection.nextSent(), { protocol: "json", version: 1 });
        connection.receive({ error: "Handshake was canceled." });
        assert.deepEqual(await connection.nextSent(), { protocol: "json", version: 1 });
        connection.receive("{}\x1e");
        assert.equal(await seen.reconnected, "conn-3");
        assert.equal(policy.contexts[1].retryReason.message, "Server returned handshake error: Handshake was canceled.");
    });

    test("the policy returning null at once closes without reconnecting", async (t) => {
        const policy = recordingPolicy([]);
        const { hub, connection } = await startedHub(t, { policy });
        const seen = events(hub);
        connection.drop(new Error("lost"));
        assert.equal((await seen.closed).message, "lost");
        assert.deepEqual(seen.list, [["close", "lost"]]);
        assert.equal(connection.startCount, 1);
        assert.equal(hub.state, HubConnectionState.Disconnected);
    });

    test("the policy giving up after failed attempts ends in onclose", async (t) => {
        const { hub, connection } = await startedHub(t, { policy: new DefaultReconnectPolicy([0, 0]) });
        const seen = events(hub);
        connection.startPlan = [new Error("down 1"), new Error("down 2")];
        connection.drop(new Error("lost"));
        await seen.closed;
        assert.deepEqual(seen.list.map(([name]) => name), ["reconnecting", "close"]);
        assert.equal(connection.startCount, 3);
        assert.equal(hub.state, HubConnectionState.Disconnected);

        await hub.start();
        assert.equal(hub.state, HubConnectionState.Connected, "a connection that gave up can start again");
    });

    test("a policy that throws is taken as giving up", async (t) => {
        const policy = { nextRetryDelayInMilliseconds: () => { throw new Error("bad policy"); } };
        const { hub, connection } = await startedHub(t, { policy });
        const seen = events(hub);
        connection.drop(new Error("lost"));
        assert.equal((await seen.closed).message, "lost");
    });

    test("stop() during the reconnect delay ends it with onclose", async (t) => {
        t.mock.timers.enable({ apis: ["setTimeout"] });
        const { hub, connection } = await startedHub(t, { policy: recordingPolicy([60000]) });
        const seen = events(hub);
        connection.drop(new Error("lost"));
        await seen.reconnecting;

        await hub.stop();
        assert.equal(hub.state, HubConnectionState.Disconnected);
        assert.equal(await seen.closed, undefined);
        t.mock.timers.tick(60000);
        await flush();
        assert.equal(connection.startCount, 1, "no attempt after stop");
        assert.deepEqual(seen.list, [["reconnecting", "lost"], ["close", undefined]]);
    });

    test("stop() during a reconnect attempt resolves once the connection is Disconnected",
        {},
        async (t) => {
            const { hub, connection } = await startedHub(t, { policy: recordingPolicy([0]) });
            const seen = events(hub);
            const negotiating = deferred();
            connection.startPlan = [negotiating.promise];
            connection.drop(new Error("lost"));
            while (connection.startCount < 2) {
                await flush();
            }

            const stopping = hub.stop().then(() => seen.list.push(["stop resolved", hub.state]));
            await flush();
            // HttpConnection throws an AbortError once the negotiate in flight returns after a stop.
            negotiating.reject(new AbortError("The connection was stopped while starting."));
            await stopping;
            await seen.closed;
            assert.deepEqual(seen.list, [["reconnecting", "lost"], ["close", undefined], ["stop resolved", "Disconnected"]]);
        });

    test("stop() in an onreconnecting callback ends Disconnected, with onclose",
        {},
        async (t) => {
            const { hub, connection } = await startedHub(t, { policy: recordingPolicy([0]) });
            const seen = events(hub);
            let stopping;
            hub.onreconnecting(() => { stopping = hub.stop(); });
            connection.drop(new Error("lost"));
            await stopping;
            await flush();
            assert.equal(connection.startCount, 1, "no attempt after stop");
            assert.equal(hub.state, HubConnectionState.Disconnected);
            assert.deepEqual(seen.list, [["reconnecting", "lost"], ["close", undefined]]);
        });
});
