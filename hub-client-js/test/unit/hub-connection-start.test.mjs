// hub-connection.js: start and the handshake, stop, and the connection's states.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AbortError } from "../../src/errors.js";
import { HubConnection, HubConnectionState } from "../../src/hub-connection.js";
import { NullLogger } from "../../src/logging.js";
import { FakeConnection, flush, HANDSHAKE_REQUEST, startedHub } from "./fakes.js";

/** A hub over a FakeConnection that does not answer the handshake: the test does. */
function newHub(t, connection = new FakeConnection()) {
    const hub = new HubConnection(connection, NullLogger.instance);
    t.after(() => hub.stop());
    return { hub, connection };
}

describe("handshake", () => {
    test("is sent first, and start resolves only after the server's response", async (t) => {
        const { hub, connection } = newHub(t);
        let started = false;
        const start = hub.start().then(() => { started = true; });
        assert.equal(hub.state, HubConnectionState.Connecting);

        await connection.outbox.next();
        assert.equal(connection.sent[0], HANDSHAKE_REQUEST);
        assert.equal(connection.sent[0], '{"protocol":"json","version":1}\x1e');
        await flush();
        assert.equal(started, false);
        assert.equal(hub.state, HubConnectionState.Connecting);

        connection.receive("{}\x1e");
        await start;
        assert.equal(hub.state, HubConnectionState.Connected);
        assert.equal(hub.connectionId, "conn-1");
        assert.equal(hub.transport, "WebSockets");
    });

    test("a response split across deliveries and followed by messages", async (t) => {
        const { hub, connection } = newHub(t);
        const calls = [];
        hub.on("hello", (...args) => calls.push(args));
        const start = hub.start();
        await connection.outbox.next();

        connection.receive("{");
        await flush();
        assert.equal(hub.state, HubConnectionState.Connecting);
        connection.receive('}\x1e{"type":1,"target":"hello","arguments":["a",1]}\x1e{"type":6}\x1e');
        await start;
        assert.equal(hub.state, HubConnectionState.Connected);
        assert.deepEqual(calls, [["a", 1]]);
    });

    test("a response delivered as bytes", async (t) => {
        const { hub, connection } = newHub(t);
        const start = hub.start();
        await connection.outbox.next();
        connection.onreceive(new TextEncoder().encode("{}\x1e").buffer);
        await start;
        assert.equal(hub.state, HubConnectionState.Connected);
    });

    test("an error in the response rejects start and stops the connection", async (t) => {
        const { hub, connection } = newHub(t);
        let closed = false;
        hub.onclose(() => { closed = true; });
        const start = hub.start();
        await connection.outbox.next();
        connection.receive({ error: "The protocol 'json' is not supported." });

        await assert.rejects(start, { message: "Server returned handshake error: The protocol 'json' is not supported." });
        assert.equal(hub.state, HubConnectionState.Disconnected);
        assert.equal(connection.started, false);
        assert.match(connection.stopCalls[0].message, /^Server returned handshake error/);
        assert.equal(closed, false, "onclose is only for connections that started");
    });

    test("the connection closing during the handshake rejects start", async (t) => {
        const { hub, connection } = newHub(t);
        const start = hub.start();
        await connection.outbox.next();
        connection.drop(new Error("socket gone"));
        await assert.rejects(start, { message: "socket gone" });
        assert.equal(hub.state, HubConnectionState.Disconnected);
    });

    test("a transport that fails to start rejects start without a handshake", async (t) => {
        const { hub, connection } = newHub(t);
        connection.startPlan = [new Error("Unable to connect")];
        await assert.rejects(hub.start(), { message: "Unable to connect" });
        assert.equal(hub.state, HubConnectionState.Disconnected);
        assert.deepEqual(connection.sent, []);
    });

    test("a message with a type instead of a handshake response fails start",
        {},
        async (t) => {
            const { hub, connection } = newHub(t);
            const start = hub.start();
            await connection.outbox.next();
            connection.receive({ type: 1, target: "early", arguments: [] });
            await assert.rejects(start, { message: /Expected a handshake response from the server/ });
        });
});

describe("states", () => {
    test("Disconnected, Connecting, Connected, Disconnecting, Disconnected", async (t) => {
        const { hub } = newHub(t, new FakeConnection({ autoHandshake: true }));
        assert.equal(hub.state, HubConnectionState.Disconnected);
        const start = hub.start();
        assert.equal(hub.state, HubConnectionState.Connecting);
        await start;
        assert.equal(hub.state, HubConnectionState.Connected);

        const closed = new Promise((resolve) => hub.onclose(resolve));
        const stop = hub.stop();
        assert.equal(hub.state, HubConnectionState.Disconnecting);
        await stop;
        assert.equal(hub.state, HubConnectionState.Disconnected);
        assert.equal(await closed, undefined);
    });

    test("stop sends a Close message and stops the connection", async (t) => {
        const { hub, connection } = await startedHub(t);
        await hub.stop();
        assert.deepEqual(await connection.nextSent(), { type: 7 });
        assert.deepEqual(connection.stopCalls, [undefined]);
        assert.equal(hub.connectionId, "conn-1");
    });

    test("start when not Disconnected rejects", async (t) => {
        const { hub, connection } = newHub(t);
        const start = hub.start();
        const message = "Cannot start a HubConnection that is not in the 'Disconnected' state.";
        await assert.rejects(hub.start(), { message });
        await connection.outbox.next();
        connection.receive("{}\x1e");
        await start;
        await assert.rejects(hub.start(), { message });
        assert.equal(hub.state, HubConnectionState.Connected);
    });

    test("a stopped connection starts again", async (t) => {
        const { hub, connection } = await startedHub(t);
        await hub.stop();
        await hub.start();
        assert.equal(hub.state, HubConnectionState.Connected);
        assert.equal(hub.connectionId, "conn-2");
        assert.equal(connection.sent.filter((data) => data === HANDSHAKE_REQUEST).length, 2);
    });

    test("stop during the handshake rejects start and ends Disconnected", async (t) => {
        const { hub, connection } = newHub(t);
        const start = hub.start();
        await connection.outbox.next();
        await hub.stop();
        await assert.rejects(start);
        assert.equal(hub.state, HubConnectionState.Disconnected);
        assert.deepEqual(connection.sent, [HANDSHAKE_REQUEST], "no Close message before the handshake completed");
    });

    test("stop during the handshake rejects start with an AbortError",
        {},
        async (t) => {
            const { hub, connection } = newHub(t);
            const start = hub.start();
            await connection.outbox.next();
            await hub.stop();
            await assert.rejects(start, AbortError);
        });

    test("stop when Disconnected does nothing", async (t) => {
        const { hub, connection } = newHub(t);
        await hub.stop();
        assert.equal(hub.state, HubConnectionState.Disconnected);
        assert.deepEqual(connection.stopCalls, []);
    });

    test("the base URL changes only while disconnected", async (t) => {
        const { hub, connection } = await startedHub(t);
        assert.equal(hub.baseUrl, "http://localhost/hub");
        assert.throws(() => { hub.baseUrl = "http://other/hub"; },
            { message: "The url can change only while disconnected or reconnecting." });
        await hub.stop();
        hub.baseUrl = "http://other/hub";
        assert.equal(connection._baseUrl, "http://other/hub");
    });

    test("a record that is not JSON closes the connection with the parse error", async (t) => {
        const { hub, connection } = await startedHub(t);
        const closed = new Promise((resolve) => hub.onclose(resolve));
        connection.receive("not json\x1e");
        assert.ok((await closed) instanceof SyntaxError);
        assert.equal(hub.state, HubConnectionState.Disconnected);
    });

    test("text without a final record separator closes the connection", async (t) => {
        const { hub, connection } = await startedHub(t);
        const closed = new Promise((resolve) => hub.onclose(resolve));
        connection.onreceive('{"type":6}');
        assert.equal((await closed).message, "Message is incomplete.");
    });
});
