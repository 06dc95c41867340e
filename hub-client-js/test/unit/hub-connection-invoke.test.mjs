// hub-connection.js: invoke and send, handlers for the server's calls (on/off), and client results.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { NOT_CONNECTED } from "../../src/errors.js";
import { HubConnection } from "../../src/hub-connection.js";
import { LogLevel, NullLogger } from "../../src/logging.js";
import { FakeConnection, flush, startedHub } from "./fakes.js";

describe("invoke", () => {
    test("sends an Invocation and resolves with the Completion's result", async (t) => {
        const { hub, connection } = await startedHub(t);
        const result = hub.invoke("Add", 40, 2);
        assert.deepEqual(await connection.nextSent(), { type: 1, invocationId: "0", target: "Add", arguments: [40, 2] });
        connection.receive({ type: 3, invocationId: "0", result: 42 });
        assert.equal(await result, 42);
    });

    test("a Completion without a result resolves with undefined", async (t) => {
        const { hub, connection } = await startedHub(t);
        const result = hub.invoke("Nothing");
        await connection.nextSent();
        connection.receive({ type: 3, invocationId: "0" });
        assert.equal(await result, undefined);
    });

    test("rejects with new Error(completion.error)", async (t) => {
        const { hub, connection } = await startedHub(t);
        const result = hub.invoke("Fail");
        await connection.nextSent();
        connection.receive({ type: 3, invocationId: "0", error: "An unexpected error occurred invoking 'Fail' on the server." });
        const error = await result.then(() => assert.fail("resolved"), (e) => e);
        assert.ok(error instanceof Error);
        assert.equal(error.message, "An unexpected error occurred invoking 'Fail' on the server.");
    });

    test("ids count up, and completions in any order reach their callers", async (t) => {
        const { hub, connection } = await startedHub(t);
        const first = hub.invoke("Echo", "a");
        const second = hub.invoke("Echo", "b");
        assert.equal((await connection.nextSent()).invocationId, "0");
        assert.equal((await connection.nextSent()).invocationId, "1");
        connection.receive({ type: 3, invocationId: "1", result: "B" }, { type: 3, invocationId: "0", result: "A" });
        assert.deepEqual(await Promise.all([first, second]), ["A", "B"]);
    });

    test("a Completion for an unknown id is ignored", async (t) => {
        const { hub, connection } = await startedHub(t);
        const result = hub.invoke("Echo", 1);
        await connection.nextSent();
        connection.receive({ type: 3, invocationId: "99", result: "stray" }, { type: 3, invocationId: "0", result: 1 });
        assert.equal(await result, 1);
    });

    test("pending invocations reject when the connection closes", async (t) => {
        const { hub, connection } = await startedHub(t);
        const first = hub.invoke("Slow");
        const second = hub.invoke("Slower");
        connection.drop(new Error("socket gone"));
        await assert.rejects(first, { message: "socket gone" });
        await assert.rejects(second, { message: "socket gone" });
    });

    test("pending invocations reject when the connection is stopped", async (t) => {
        const { hub } = await startedHub(t);
        const result = hub.invoke("Slow");
        await hub.stop();
        await assert.rejects(result, { message: "Invocation canceled due to the underlying connection being closed." });
    });

    test("rejects when not connected", async () => {
        const hub = new HubConnection(new FakeConnection(), NullLogger.instance);
        await assert.rejects(hub.invoke("Add", 1, 2), { message: NOT_CONNECTED });
    });

    test("rejects when the send fails", async (t) => {
        const { hub, connection } = await startedHub(t);
        connection.send = () => Promise.reject(new Error("send failed"));
        await assert.rejects(hub.invoke("Add", 1, 2), { message: "send failed" });
    });
});

describe("send", () => {
    test("sends an Invocation without an invocationId and resolves once sent", async (t) => {
        const { hub, connection } = await startedHub(t);
        assert.equal(await hub.send("Log", "x", { n: 1 }), undefined);
        assert.deepEqual(await connection.nextSent(), { type: 1, target: "Log", arguments: ["x", { n: 1 }] });
    });

    test("rejects when not connected", async () => {
        const hub = new HubConnection(new FakeConnection(), NullLogger.instance);
        await assert.rejects(hub.send("Log"), { message: NOT_CONNECTED });
    });
});

describe("on and off", () => {
    test("a server Invocation calls every handler with the arguments", async (t) => {
        const { hub, connection } = await startedHub(t);
        const calls = [];
        hub.on("ReceiveMessage", (...args) => calls.push(["first", ...args]));
        hub.on("ReceiveMessage", (...args) => calls.push(["second", ...args]));
        connection.receive({ type: 1, target: "ReceiveMessage", arguments: ["bob", "hi"] });
        assert.deepEqual(calls, [["first", "bob", "hi"], ["second", "bob", "hi"]]);
    });

    test("names match case-insensitively", async (t) => {
        const { hub, connection } = await startedHub(t);
        const calls = [];
        hub.on("receiveMESSAGE", (text) => calls.push(text));
        connection.receive({ type: 1, target: "ReceiveMessage", arguments: ["a"] },
            { type: 1, target: "RECEIVEMESSAGE", arguments: ["b"] });
        hub.off("RECEIVEmessage");
        connection.receive({ type: 1, target: "receivemessage", arguments: ["c"] });
        assert.deepEqual(calls, ["a", "b"]);
    });

    test("off(name, fn) removes that handler only; off(name) removes them all", async (t) => {
        const { hub, connection } = await startedHub(t);
        const calls = [];
        const one = () => calls.push("one");
        const two = () => calls.push("two");
        hub.on("tick", one);
        hub.on("tick", two);
        hub.off("Tick", one);
        connection.receive({ type: 1, target: "tick", arguments: [] });
        assert.deepEqual(calls, ["two"]);
        hub.off("tick");
        connection.receive({ type: 1, target: "tick", arguments: [] });
        assert.deepEqual(calls, ["two"]);
    });

    test("the same handler registered twice runs once", async (t) => {
        const { hub, connection } = await startedHub(t);
        let count = 0;
        const handler = () => count++;
        hub.on("tick", handler);
        hub.on("TICK", handler);
        connection.receive({ type: 1, target: "tick", arguments: [] });
        assert.equal(count, 1);
    });

    test("a throwing handler does not stop the others or the connection", async (t) => {
        const { hub, connection } = await startedHub(t);
        const calls = [];
        hub.on("tick", () => { throw new Error("oops"); });
        hub.on("tick", () => calls.push("ran"));
        connection.receive({ type: 1, target: "tick", arguments: [] });
        connection.receive({ type: 1, target: "tick", arguments: [] });
        assert.deepEqual(calls, ["ran", "ran"]);
        assert.equal(hub.state, "Connected");
    });

    test("an async handler that rejects is logged like one that throws, not left unhandled",
        {},
        async (t) => {
            const unhandled = [];
            const capture = (reason) => unhandled.push(reason);
            process.on("unhandledRejection", capture);
            t.after(() => process.off("unhandledRejection", capture));
            const logs = [];
            const { hub, connection } = await startedHub(t, {
                configure: (h) => { h._logger = { log: (level, message) => logs.push([level, message]) }; },
            });
            hub.on("tick", async () => { throw new Error("async oops"); });
            connection.receive({ type: 1, target: "tick", arguments: [] });
            await flush();
            await flush();
            assert.deepEqual(unhandled.map(String), []);
            assert.ok(logs.some(([level, message]) => level === LogLevel.Error && message.includes("async oops")));
        });

    test("an Invocation nobody handles is ignored, and unknown message types too", async (t) => {
        const { hub, connection } = await startedHub(t);
        connection.receive({ type: 1, target: "nobody", arguments: [1] }, { type: 99, what: "future" }, { type: 6 });
        assert.equal(hub.state, "Connected");
        assert.equal(connection.sent.length, 1, "only the handshake was sent");
    });
});

describe("client results", () => {
    /** The Completion the client sends for a server Invocation with an id. */
    async function answer(t, ...handlers) {
        const { hub, connection } = await startedHub(t);
        handlers.forEach((handler) => hub.on("GetMessage", handler));
        connection.receive({ type: 1, invocationId: "s1", target: "getMessage", arguments: ["x", 2] });
        return connection.nextSent();
    }

    test("answers with the handler's returned value", async (t) => {
        const args = [];
        const completion = await answer(t, (...a) => { args.push(...a); return "hello"; });
        assert.deepEqual(args, ["x", 2]);
        assert.deepEqual(completion, { type: 3, invocationId: "s1", result: "hello" });
    });

    test("answers with an awaited value", async (t) => {
        const completion = await answer(t, async () => ({ text: "later" }));
        assert.deepEqual(completion, { type: 3, invocationId: "s1", result: { text: "later" } });
    });

    test("a null result is a result", async (t) => {
        assert.deepEqual(await answer(t, () => null), { type: 3, invocationId: "s1", result: null });
    });

    test("answers with an error when there is no handler", async (t) => {
        assert.deepEqual(await answer(t), { type: 3, invocationId: "s1", error: "Client didn't provide a result." });
    });

    test("answers with an error when no handler returns a value", async (t) => {
        assert.deepEqual(await answer(t, () => {}, () => undefined),
            { type: 3, invocationId: "s1", error: "Client didn't provide a result." });
    });

    test("answers with an error when an async handler resolves with nothing",
        {},
        async (t) => {
            assert.deepEqual(await answer(t, async () => {}),
                { type: 3, invocationId: "s1", error: "Client didn't provide a result." });
        });

    test("answers with the handler's exception", async (t) => {
        assert.deepEqual(await answer(t, () => { throw new Error("boom"); }),
            { type: 3, invocationId: "s1", error: "Error: boom" });
        assert.deepEqual(await answer(t, async () => { throw new Error("late boom"); }),
            { type: 3, invocationId: "s1", error: "Error: late boom" });
    });

    test("a handler that returns nothing does not hide another's result", async (t) => {
        const completion = await answer(t, () => {}, () => 7);
        assert.deepEqual(completion, { type: 3, invocationId: "s1", result: 7 });
    });
});
