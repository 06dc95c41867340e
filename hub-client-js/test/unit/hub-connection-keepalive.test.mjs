// hub-connection.js: the keep-alive Ping and the server timeout, on mocked timers.
import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { HubConnectionState } from "../../src/hub-connection.js";
import { flush, startedHub } from "./fakes.js";

const TIMEOUT_MESSAGE = "Server timeout elapsed without receiving a message from the server.";

/** A started hub pinging after 100 ms of silence and timing out after 1000 ms without hearing anything. */
const hubWithTimers = (t, { inherentKeepAlive = false } = {}) => startedHub(t, {
    configure: (hub, connection) => {
        hub.keepAliveIntervalInMilliseconds = 100;
        hub.serverTimeoutInMilliseconds = 1000;
        connection.inherentKeepAlive = inherentKeepAlive;
    },
});

/** The records the client sent after the handshake. */
const sentAfterHandshake = (connection) => connection.sent.slice(1);
const PING = '{"type":6}\x1e';

describe("keep-alive and server timeout", () => {
    beforeEach((t) => t.mock.timers.enable({ apis: ["setTimeout"] }));

    test("a Ping goes out after keepAliveIntervalInMilliseconds of silence, and again after each interval", async (t) => {
        const { connection } = await hubWithTimers(t);
        t.mock.timers.tick(99);
        assert.deepEqual(sentAfterHandshake(connection), []);
        t.mock.timers.tick(1);
        assert.deepEqual(sentAfterHandshake(connection), [PING]);
        t.mock.timers.tick(100);
        assert.deepEqual(sentAfterHandshake(connection), [PING, PING]);
    });

    test("sending a message puts the next Ping off", async (t) => {
        const { hub, connection } = await hubWithTimers(t);
        t.mock.timers.tick(60);
        await hub.send("Log", "x");
        t.mock.timers.tick(99);
        assert.deepEqual(sentAfterHandshake(connection).map((d) => JSON.parse(d.slice(0, -1)).type), [1]);
        t.mock.timers.tick(1);
        assert.equal(sentAfterHandshake(connection).at(-1), PING);
    });

    test("the server timeout closes the connection", async (t) => {
        const { hub, connection } = await hubWithTimers(t);
        const closed = new Promise((resolve) => hub.onclose(resolve));
        t.mock.timers.tick(999);
        await flush();
        assert.equal(hub.state, HubConnectionState.Connected, "the client's own Pings do not count");
        t.mock.timers.tick(1);
        assert.equal((await closed).message, TIMEOUT_MESSAGE);
        assert.equal(connection.stopCalls[0].message, TIMEOUT_MESSAGE);
        assert.equal(hub.state, HubConnectionState.Disconnected);
    });

    test("anything received resets the server timeout", async (t) => {
        const { hub, connection } = await hubWithTimers(t);
        t.mock.timers.tick(900);
        connection.receive({ type: 6 });
        t.mock.timers.tick(900);
        connection.receive({ type: 1, target: "nobody", arguments: [] });
        t.mock.timers.tick(999);
        await flush();
        assert.equal(hub.state, HubConnectionState.Connected);
        t.mock.timers.tick(1);
        await flush();
        assert.equal(hub.state, HubConnectionState.Disconnected);
    });

    test("the server timeout leads to a reconnect when there is a policy", async (t) => {
        const { hub, connection } = await startedHub(t, {
            policy: { nextRetryDelayInMilliseconds: ({ previousRetryCount }) => (previousRetryCount ? null : 0) },
            configure: (h) => { h.serverTimeoutInMilliseconds = 1000; },
        });
        const reconnecting = new Promise((resolve) => hub.onreconnecting(resolve));
        t.mock.timers.tick(1000);
        assert.equal((await reconnecting).message, TIMEOUT_MESSAGE);
        t.mock.timers.tick(0);
        await flush();
        assert.equal(hub.state, HubConnectionState.Connected);
        assert.equal(connection.startCount, 2);
    });

    test("both are skipped when the transport has inherentKeepAlive", async (t) => {
        const { hub, connection } = await hubWithTimers(t, { inherentKeepAlive: true });
        t.mock.timers.tick(10000);
        await flush();
        assert.deepEqual(sentAfterHandshake(connection), []);
        assert.equal(hub.state, HubConnectionState.Connected);
    });

    test("a message that arrives after the connection ended starts no server timeout", async (t) => {
        // A timer armed then would keep Node running for serverTimeoutInMilliseconds after stop().
        const { hub, connection } = await hubWithTimers(t);
        await hub.stop();
        assert.deepEqual(connection.stopCalls, [undefined]);
        connection.receive({ type: 6 });
        t.mock.timers.tick(10000);
        await flush();
        assert.deepEqual(connection.stopCalls, [undefined], "no timeout fired: none was started");
        assert.equal(hub.state, HubConnectionState.Disconnected);
    });

    test("no Pings after stop", async (t) => {
        const { hub, connection } = await hubWithTimers(t);
        await hub.stop();
        const sent = connection.sent.length;
        t.mock.timers.tick(10000);
        assert.equal(connection.sent.length, sent);
    });
});
