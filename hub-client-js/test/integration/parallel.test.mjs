// Parallel invocations against the real Java server (ClientIntegrationTest hosts ParallelTestHub at /parallel with
// maximumParallelInvocationsPerClient 4): blocking calls of one connection run side by side, and their results
// arrive in the order they finish; a stream cancelled while it waits its turn still runs its method, which sees the
// cancellation, as in ASP.NET Core. Runs with our client, then with @microsoft/signalr (SWITCHBOARD_CLIENT=official).
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
const client = official ? "official" : "switchboard";
const open = [];

async function connect(transport) {
    const connection = new HubConnectionBuilder()
        .withUrl(`${base}/parallel`, { transport })
        .configureLogging(LogLevel.Warning)
        .build();
    open.push(connection);
    await connection.start();
    return connection;
}

afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));

for (const name of ["WebSockets", "LongPolling"]) {
    const transport = HttpTransportType[name];
    const key = (what) => `${client}-${name}-${what}`;

    describe(`parallel invocations over ${name}`, () => {
        test("four blocking calls of one connection run at once", async () => {
            const connection = await connect(transport);
            // Each blocks its hub thread until all four are inside: they can only return if they ran together.
            const calls = [1, 2, 3, 4].map(() => connection.invoke("meet", key("meet"), 4));
            assert.deepEqual(await Promise.all(calls), [4, 4, 4, 4]);
        });

        test("results arrive in the order the calls finish", async () => {
            const connection = await connect(transport);
            const finished = [];
            const first = connection.invoke("hold", key("A")).then((value) => finished.push(value));
            const second = connection.invoke("hold", key("B")).then((value) => finished.push(value));
            // A third call runs beside the two held ones, and lets the second go first.
            await connection.invoke("release", key("B"));
            await second;
            await connection.invoke("release", key("A"));
            await first;
            assert.deepEqual(finished, [key("B"), key("A")]);
        });

        test("a stream cancelled before its turn still runs its method, which sees the cancellation", async () => {
            const connection = await connect(transport);
            const other = await connect(transport);
            // Three held calls and one held until an upload item comes take the four places.
            const holds = ["1", "2", "3"].map((n) => connection.invoke("hold", key(`place-${n}`)));
            const go = new Subject();
            const uploading = connection.send("holdUntilItem", go);
            const items = [];
            const subscription = connection.stream("watched", key("watched")).subscribe({
                next: (item) => items.push(item), error: () => {}, complete: () => {},
            });
            subscription.dispose();
            // The item reaches the server after the CancelInvocation: the cancelled stream's turn comes after it.
            await uploading;
            go.next("go");
            go.complete();
            assert.equal(await other.invoke("ranAndCancelled", key("watched")), true);
            for (const n of ["1", "2", "3"]) {
                await other.invoke("release", key(`place-${n}`));
            }
            await Promise.all(holds);
            assert.deepEqual(items, []);
        });
    });
}
