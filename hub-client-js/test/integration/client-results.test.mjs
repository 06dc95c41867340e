// Client results and typed clients against the real Java server (ClientIntegrationTest starts it and sets
// SWITCHBOARD_URL): an `on` handler that returns a value or a promise answers the server's invocation; no
// handler answers with an error. Runs with our client, then with @microsoft/signalr (SWITCHBOARD_CLIENT=official).
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

const official = process.env.SWITCHBOARD_CLIENT === "official";
const { HttpTransportType, HubConnectionBuilder, LogLevel } = official
    ? await import("@microsoft/signalr")
    : await import("../../src/index.js");
const base = process.env.SWITCHBOARD_URL;
if (!base) {
    throw new Error("SWITCHBOARD_URL is not set: run these tests through Maven (ClientIntegrationTest)");
}
const open = [];

/** A started connection to the results hub, with `handlers` registered before it starts. */
async function connect(transport, handlers = {}) {
    const connection = new HubConnectionBuilder()
        .withUrl(`${base}/results`, { transport })
        .configureLogging(LogLevel.None)
        .build();
    for (const [method, handler] of Object.entries(handlers)) {
        connection.on(method, handler);
    }
    open.push(connection);
    await connection.start();
    return connection;
}

afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));

for (const name of ["WebSockets", "LongPolling"]) {
    const transport = HttpTransportType[name];

    describe(`client results over ${name}`, () => {
        test("a handler's return value answers the server", async () => {
            const connection = await connect(transport, { upper: (text) => text.toUpperCase() });
            assert.equal(await connection.invoke("askText", "upper", "abc"), "ABC");
        });

        test("a handler's promise answers the server once it resolves", async () => {
            const connection = await connect(transport, {
                length: (text) => new Promise((resolve) => setTimeout(() => resolve(text.length), 20)),
            });
            assert.equal(await connection.invoke("askLength", "four"), 5);
        });

        test("a handler that throws answers with its error", async () => {
            const connection = await connect(transport, {
                broken: () => {
                    throw new Error("out of ink");
                },
            });
            await assert.rejects(connection.invoke("askText", "broken", "x"), (error) => {
                assert.match(error.message, /^An unexpected error occurred invoking 'askText' on the server\. HubException: .*out of ink/);
                return true;
            });
        });

        test("no handler answers with the official error", async () => {
            const connection = await connect(transport);
            await assert.rejects(connection.invoke("askText", "missing", "x"), {
                message: "An unexpected error occurred invoking 'askText' on the server. HubException: Client didn't "
                    + "provide a result.",
            });
        });

        test("a typed broadcast reaches every client under its wire name", async () => {
            let notify;
            const notified = new Promise((resolve) => { notify = resolve; });
            await connect(transport, { notified: (text) => notify(text) });
            const sender = await connect(transport);
            await sender.invoke("notifyAll", "hello");
            assert.equal(await notified, "hello");
        });
    });
}
