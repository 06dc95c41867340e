// Streams from the client to hub methods (UploadTestHub): a Subject passed as an argument to invoke, send or
// stream uploads its items. Runs with our client and, with SWITCHBOARD_CLIENT=official, with @microsoft/signalr.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

const official = process.env.SWITCHBOARD_CLIENT === "official";
const { HttpTransportType, HubConnectionBuilder, LogLevel, Subject } = official
    ? await import("@microsoft/signalr")
    : await import("../../src/index.js");
const base = process.env.SWITCHBOARD_URL;
if (!base) {
    throw new Error("SWITCHBOARD_URL is not set: run these tests through Maven (ClientIntegrationTest)");
}
const open = [];

/** A started connection to the upload hub; stopped when the test ends. */
async function connect(transport) {
    const connection = new HubConnectionBuilder()
        .withUrl(`${base}/uploads`, { transport })
        .configureLogging(LogLevel.Warning)
        .build();
    open.push(connection);
    await connection.start();
    return connection;
}

afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));

for (const name of ["WebSockets", "ServerSentEvents", "LongPolling"]) {
    const transport = HttpTransportType[name];

    describe(`uploads over ${name}`, () => {
        test("invoke resolves with a result once the upload completes", async () => {
            const connection = await connect(transport);
            const numbers = new Subject();
            const sum = connection.invoke("sum", numbers);
            for (let i = 1; i <= 10; i++) {
                numbers.next(i);
            }
            assert.equal(await connection.invoke("add", 1, 2), 3, "a later call runs while the upload is open");
            numbers.complete();
            assert.equal(await sum, 55);
        });

        test("arguments and a stream together", async () => {
            const connection = await connect(transport);
            const words = new Subject();
            const joined = connection.invoke("join", "-", words);
            words.next("a");
            words.next("b");
            words.complete();
            assert.equal(await joined, "a-b");
        });

        test("an error from the client reaches the hub", async () => {
            const connection = await connect(transport);
            const numbers = new Subject();
            const sum = connection.invoke("sum", numbers);
            numbers.next(1);
            numbers.error(new Error("unplugged"));
            await assert.rejects(sum, (error) => error.message.endsWith(
                "An unexpected error occurred invoking 'sum' on the server. HubException: unplugged"));
        });

        test("a bad item ends the upload with the server's error", async () => {
            const connection = await connect(transport);
            const numbers = new Subject();
            const sum = connection.invoke("sum", numbers);
            numbers.next("one");
            await assert.rejects(sum, (error) => error.message.endsWith("HubException: Failed to bind Stream "
                + "message. Stream item is not a valid Integer."));
            // The server has ended the upload, so the Subject is left open: @microsoft/signalr sends a completion
            // without awaiting it, and stopping the connection while that send waits rejects it unhandled.
            assert.equal(await connection.invoke("add", 2, 2), 4);
        });

        test("send uploads too", async () => {
            const connection = await connect(transport);
            const joined = new Promise((resolve) => connection.on("joined", resolve));
            const words = new Subject();
            await connection.send("joinAndTell", words);
            words.next("up");
            words.next("loaded");
            words.complete();
            assert.equal(await joined, "uploaded");
        });

        test("stream with an upload is duplex", async () => {
            const connection = await connect(transport);
            const words = new Subject();
            const received = [];
            const firstBack = new Promise((resolve, reject) => {
                let first = true;
                connection.stream("upper", words).subscribe({
                    next: (item) => {
                        received.push(item);
                        if (first) {
                            first = false;
                            resolve();
                        }
                    },
                    error: reject,
                    complete: () => received.push("done"),
                });
            });
            words.next("a");
            await firstBack;
            assert.deepEqual(received, ["A"], "an item comes back while the upload is open");
            const done = new Promise((resolve) => {
                const check = setInterval(() => {
                    if (received.includes("done")) {
                        clearInterval(check);
                        resolve();
                    }
                }, 5);
            });
            words.next("b");
            words.complete();
            await done;
            assert.deepEqual(received, ["A", "B", "done"]);
        });

        test("the wrong number of streams is refused", async () => {
            const connection = await connect(transport);
            await assert.rejects(connection.invoke("sum"), (error) => error.message.endsWith(
                "HubException: Client sent 0 stream(s), Hub method expects 1."));
        });
    });
}
