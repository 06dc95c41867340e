// hub-connection.js and subject.js: streams from the server (stream()) and to it (Subject arguments).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { NOT_CONNECTED } from "../../src/errors.js";
import { HubConnection } from "../../src/hub-connection.js";
import { NullLogger } from "../../src/logging.js";
import { Subject } from "../../src/subject.js";
import { FakeConnection, flush, startedHub } from "./fakes.js";

/** Subscribes to a stream, recording what it delivers; `ended` resolves on complete or error. */
function record(stream) {
    const seen = { items: [], completed: false, error: undefined };
    seen.ended = new Promise((resolve) => {
        seen.subscription = stream.subscribe({
            next: (item) => seen.items.push(item),
            complete: () => { seen.completed = true; resolve(); },
            error: (e) => { seen.error = e; resolve(); },
        });
    });
    return seen;
}

describe("stream() from the server", () => {
    test("sends a StreamInvocation; items go to next and the Completion to complete", async (t) => {
        const { hub, connection } = await startedHub(t);
        const seen = record(hub.stream("Counter", 3, 500));
        assert.deepEqual(await connection.nextSent(),
            { type: 4, invocationId: "0", target: "Counter", arguments: [3, 500] });

        connection.receive({ type: 2, invocationId: "0", item: 0 }, { type: 2, invocationId: "0", item: null });
        connection.receive({ type: 2, invocationId: "0", item: { n: 2 } }, { type: 3, invocationId: "0" });
        await seen.ended;
        assert.deepEqual(seen.items, [0, null, { n: 2 }]);
        assert.equal(seen.completed, true);
        assert.equal(seen.error, undefined);
    });

    test("an error Completion goes to error", async (t) => {
        const { hub, connection } = await startedHub(t);
        const seen = record(hub.stream("Counter"));
        await connection.nextSent();
        connection.receive({ type: 2, invocationId: "0", item: 1 },
            { type: 3, invocationId: "0", error: "An error occurred on the server while streaming results." });
        await seen.ended;
        assert.deepEqual(seen.items, [1]);
        assert.equal(seen.completed, false);
        assert.ok(seen.error instanceof Error);
        assert.equal(seen.error.message, "An error occurred on the server while streaming results.");
    });

    test("disposing the subscription sends CancelInvocation and stops the items", async (t) => {
        const { hub, connection } = await startedHub(t);
        const seen = record(hub.stream("Counter"));
        await connection.nextSent();
        connection.receive({ type: 2, invocationId: "0", item: 1 });
        seen.subscription.dispose();
        assert.deepEqual(await connection.nextSent(), { type: 5, invocationId: "0" });
        connection.receive({ type: 2, invocationId: "0", item: 2 }, { type: 3, invocationId: "0" });
        assert.deepEqual(seen.items, [1]);
        assert.equal(seen.completed, false);
    });

    test("cancels only when the last subscription is disposed", async (t) => {
        const { hub, connection } = await startedHub(t);
        const stream = hub.stream("Counter");
        const first = record(stream);
        const second = record(stream);
        await connection.nextSent();
        first.subscription.dispose();
        await flush();
        assert.equal(connection.sent.length, 2, "handshake and StreamInvocation only");
        second.subscription.dispose();
        assert.deepEqual(await connection.nextSent(), { type: 5, invocationId: "0" });
    });

    test("disposing after the stream completed sends nothing", async (t) => {
        const { hub, connection } = await startedHub(t);
        const seen = record(hub.stream("Counter"));
        await connection.nextSent();
        connection.receive({ type: 3, invocationId: "0" });
        await seen.ended;
        seen.subscription.dispose();
        await flush();
        assert.equal(connection.sent.length, 2);
    });

    test("the connection closing errors the stream", async (t) => {
        const { hub, connection } = await startedHub(t);
        const seen = record(hub.stream("Counter"));
        await connection.nextSent();
        connection.drop(new Error("socket gone"));
        await seen.ended;
        assert.equal(seen.error.message, "socket gone");
    });

    test("a stream started while disconnected errors", async () => {
        const hub = new HubConnection(new FakeConnection(), NullLogger.instance);
        const seen = record(hub.stream("Counter"));
        await seen.ended;
        assert.equal(seen.error.message, NOT_CONNECTED);
    });
});

describe("upload streams", () => {
    test("a Subject argument leaves the arguments and its id goes in streamIds", async (t) => {
        const { hub, connection } = await startedHub(t);
        const subject = new Subject();
        await hub.send("Upload", "file.txt", subject, 5);
        assert.deepEqual(await connection.nextSent(), { type: 1, target: "Upload", arguments: ["file.txt", 5], streamIds: ["0"] });
    });

    test("next, complete: StreamItems then a Completion under the stream's id", async (t) => {
        const { hub, connection } = await startedHub(t);
        const subject = new Subject();
        const result = hub.invoke("Upload", "file.txt", subject);
        const invocation = await connection.nextSent();
        assert.deepEqual(invocation.arguments, ["file.txt"]);
        assert.equal(invocation.streamIds.length, 1);
        const [streamId] = invocation.streamIds;
        assert.notEqual(streamId, invocation.invocationId);

        subject.next("chunk-a");
        subject.next("chunk-b");
        subject.complete();
        assert.deepEqual(await connection.nextSent(), { type: 2, invocationId: streamId, item: "chunk-a" });
        assert.deepEqual(await connection.nextSent(), { type: 2, invocationId: streamId, item: "chunk-b" });
        assert.deepEqual(await connection.nextSent(), { type: 3, invocationId: streamId });

        connection.receive({ type: 3, invocationId: invocation.invocationId, result: 2 });
        assert.equal(await result, 2);
    });

    test("error sends a Completion with the error's message", async (t) => {
        const { hub, connection } = await startedHub(t);
        const subject = new Subject();
        hub.send("Upload", subject);
        const { streamIds: [streamId] } = await connection.nextSent();
        subject.error(new Error("disk on fire"));
        assert.deepEqual(await connection.nextSent(), { type: 3, invocationId: streamId, error: "disk on fire" });
    });

    test("several streams get ids of their own, in argument order", async (t) => {
        const { hub, connection } = await startedHub(t);
        const first = new Subject();
        const second = new Subject();
        hub.stream("Merge", first, "sep", second);
        const invocation = await connection.nextSent();
        assert.equal(invocation.type, 4);
        assert.deepEqual(invocation.arguments, ["sep"]);
        const [firstId, secondId] = invocation.streamIds;
        assert.equal(new Set([firstId, secondId, invocation.invocationId]).size, 3);
        second.next("b");
        first.next("a");
        assert.deepEqual(await connection.nextSent(), { type: 2, invocationId: secondId, item: "b" });
        assert.deepEqual(await connection.nextSent(), { type: 2, invocationId: firstId, item: "a" });
    });

    test("an object with a subscribe function counts as a stream", async (t) => {
        const { hub, connection } = await startedHub(t);
        let observer;
        hub.send("Upload", { subscribe: (o) => { observer = o; return { dispose() {} }; } });
        const { streamIds: [streamId] } = await connection.nextSent();
        observer.next(1);
        observer.complete();
        assert.deepEqual(await connection.nextSent(), { type: 2, invocationId: streamId, item: 1 });
        assert.deepEqual(await connection.nextSent(), { type: 3, invocationId: streamId });
    });
});

describe("Subject", () => {
    test("delivers to every observer, and observers may leave out callbacks", () => {
        const subject = new Subject();
        const seen = [];
        subject.subscribe({ next: (x) => seen.push(`a${x}`) });
        subject.subscribe({ next: (x) => seen.push(`b${x}`), complete: () => seen.push("done") });
        subject.next(1);
        subject.error(new Error("ignored by both"));
        subject.complete();
        assert.deepEqual(seen, ["a1", "b1", "done"]);
    });
});
