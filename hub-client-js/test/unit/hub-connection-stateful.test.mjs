// Stateful reconnect on the hub connection, as @microsoft/signalr's MessageBuffer: handshake version 2, Acks a
// second after receiving, and after a drop a Sequence, the resend, and no message twice.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HubConnection } from "../../src/hub-connection.js";
import { NullLogger } from "../../src/logging.js";
import { FakeConnection, flush, records } from "./fakes.js";

/** A started hub whose connection agreed to stateful reconnect; fake timers, so that Acks go out on a tick. */
async function statefulHub(t, bufferSize) {
    t.mock.timers.enable({ apis: ["setTimeout"] });
    const connection = new FakeConnection();
    connection.features = { reconnect: true };
    const hub = new HubConnection(connection, NullLogger.instance, undefined, undefined, bufferSize);
    t.after(() => hub.stop());
    const started = hub.start();
    assert.deepEqual(await connection.outbox.next(), { protocol: "json", version: 2 });
    connection.receive({});
    await started;
    connection.sent.length = 0;
    return { hub, connection, sent: () => connection.sent.flatMap(records).filter((m) => m.type !== 6) };
}

const invocation = (n) => ({ type: 1, target: "n", arguments: [n] });

describe("stateful reconnect", () => {
    test("the handshake asks for version 2 only when the connection agreed to it", async (t) => {
        const connection = new FakeConnection({ autoHandshake: true });
        const hub = new HubConnection(connection, NullLogger.instance);
        t.after(() => hub.stop());
        await hub.start();
        assert.deepEqual(await connection.outbox.next(), { protocol: "json", version: 1 });
        assert.equal(hub._messageBuffer, undefined);
    });

    test("acknowledges what arrived about a second later, in one Ack", async (t) => {
        const { hub, connection, sent } = await statefulHub(t);
        const got = [];
        hub.on("n", (n) => got.push(n));
        connection.receive(invocation(1), invocation(2), { type: 6 });
        connection.receive(invocation(3));
        assert.deepEqual(got, [1, 2, 3]);
        assert.deepEqual(sent(), []);
        t.mock.timers.tick(1000);
        await flush();
        assert.deepEqual(sent(), [{ type: 8, sequenceId: 3 }]);
    });

    test("after a drop: nothing goes out, the Sequence and unacknowledged messages are resent, duplicates dropped",
        async (t) => {
            const { hub, connection, sent } = await statefulHub(t);
            const got = [];
            hub.on("n", (n) => got.push(n));
            await hub.send("a", 1);
            await hub.send("a", 2);
            connection.receive({ type: 8, sequenceId: 1 }, invocation(1), invocation(2));
            connection.features.disconnected();
            const whileDown = hub.send("a", 3);
            connection.receive(invocation(99));
            assert.deepEqual(sent().map((m) => m.arguments?.[0]), [1, 2], "the third send waits for the resend");
            connection.sent.length = 0;
            await connection.features.resend();
            await whileDown;
            assert.deepEqual(sent(), [
                { type: 9, sequenceId: 2 },
                { type: 1, target: "a", arguments: [2] },
                { type: 1, target: "a", arguments: [3] },
            ]);
            connection.receive({ type: 9, sequenceId: 2 }, invocation(2), invocation(3));
            assert.deepEqual(got, [1, 2, 3], "the 99 before the Sequence and the repeated 2 are dropped");
            assert.equal(hub.connectionId, "conn-1");
        });

    test("a Sequence past what arrived ends the connection", async (t) => {
        const { hub, connection } = await statefulHub(t);
        const closed = new Promise((resolve) => hub.onclose(resolve));
        connection.features.disconnected();
        connection.receive({ type: 9, sequenceId: 5 });
        assert.equal((await closed).message, "Sequence ID greater than amount of messages we've received.");
    });

    test("a full buffer holds the sender until an Ack frees it; a close fails it", async (t) => {
        const { hub, connection } = await statefulHub(t, 60);
        let done = false;
        const first = hub.send("a", "x".repeat(60)).then(() => {
            done = true;
        });
        await flush();
        assert.equal(done, false);
        connection.receive({ type: 8, sequenceId: 1 });
        await first;
        const second = hub.send("a", "y".repeat(60));
        const failed = assert.rejects(second, { message: "Server timeout elapsed without receiving a message from the server." });
        connection.drop(new Error("Server timeout elapsed without receiving a message from the server."));
        await failed;
    });
});
