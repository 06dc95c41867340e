// The client in Node against the real Java server: invoke, send, on, stream, reconnect, fallback, timeouts (ClientIntegrationTest starts it and sets SWITCHBOARD_URL).
// With SWITCHBOARD_CLIENT=official the same tests run the official @microsoft/signalr client, to show that
// ours behaves like it; only `connection.transport` is ours alone.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import { startProxy } from "./proxy.mjs";

const official = process.env.SWITCHBOARD_CLIENT === "official";
const { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel } = official
    ? await import("@microsoft/signalr")
    : await import("../../src/index.js");
const base = process.env.SWITCHBOARD_URL;
if (!base) {
    throw new Error("SWITCHBOARD_URL is not set: run these tests through Maven (ClientIntegrationTest)");
}
const open = [];
let proxy;

/** A connection to the test hub, directly or through the proxy; stopped when the test ends. */
function connect(options = {}, configure = (builder) => builder, url = base) {
    const connection = configure(new HubConnectionBuilder()
        .withUrl(`${url}/hub`, options)
        .configureLogging(LogLevel.Warning))
        .build();
    open.push(connection);
    return connection;
}

/** Checks the transport in use, where the client tells it. */
function assertTransport(connection, name) {
    if (!official) {
        assert.equal(connection.transport, name);
    }
}

/** Ours reports a lost connection with an Error; the official client's Node event stream reports none. */
function assertLostWithError(error) {
    if (!official) {
        assert.ok(error instanceof Error);
    }
}

/** Resolves with the arguments of the next call of `method` on `connection`. */
function nextCall(connection, method) {
    return new Promise((resolve) => {
        const handler = (...args) => {
            connection.off(method, handler);
            resolve(args);
        };
        connection.on(method, handler);
    });
}

before(async () => {
    proxy = await startProxy(Number(new URL(base).port));
});
afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));
after(() => proxy.close());

/** Every item of a stream; rejects with the stream's error, which carries the items before it. */
function collect(stream) {
    return new Promise((resolve, reject) => {
        const items = [];
        stream.subscribe({
            next: (item) => items.push(item),
            complete: () => resolve(items),
            error: (error) => reject(Object.assign(error, { items })),
        });
    });
}

for (const name of ["WebSockets", "ServerSentEvents", "LongPolling"]) {
    const transport = HttpTransportType[name];

    describe(`over ${name}`, () => {
        test("invoke, send and on", async () => {
            const connection = connect({ transport });
            await connection.start();
            assert.equal(connection.state, HubConnectionState.Connected);
            assertTransport(connection, name);
            assert.match(connection.connectionId, /^[\w-]+$/);

            assert.equal(await connection.invoke("echo", "héllo ✓"), "héllo ✓");
            assert.equal(await connection.invoke("add", 2, 3), 5);
            const received = nextCall(connection, "received");
            await connection.send("tellCaller", "sent");
            assert.deepEqual(await received, ["sent"]);
            const results = await Promise.all(Array.from({ length: 20 }, (_, i) => connection.invoke("add", i, i)));
            assert.deepEqual(results, Array.from({ length: 20 }, (_, i) => 2 * i));
        });

        test("a hub error rejects with the server's message", async () => {
            const connection = connect({ transport });
            await connection.start();
            // The wording is .NET's, which the official clients show too.
            await assert.rejects(connection.invoke("fail", "No such room"), {
                message: "An unexpected error occurred invoking 'fail' on the server. HubException: No such room",
            });
            await assert.rejects(connection.invoke("nope"), { message: "Unknown hub method 'nope'" });
            assert.equal(await connection.invoke("echo", "still fine"), "still fine");
        });

        test("stream: the items in order, then the end", async () => {
            const connection = connect({ transport });
            await connection.start();
            assert.deepEqual(await collect(connection.stream("counter", 5)), [0, 1, 2, 3, 4]);
            assert.deepEqual(await collect(connection.stream("counter", 0)), []);
        });

        test("stream: the server's error ends it, after the items before it", async () => {
            const connection = connect({ transport });
            await connection.start();
            await assert.rejects(collect(connection.stream("counterThenFail", 2, "Counter broke")), {
                message: "An error occurred on the server while streaming results. HubException: Counter broke",
                items: [0, 1],
            });
        });

        test("stream: disposing the subscription cancels it on the server", async () => {
            const key = `${name}-${official ? "official" : "switchboard"}`;
            const connection = connect({ transport });
            await connection.start();
            const firstThree = await new Promise((resolve, reject) => {
                const items = [];
                const subscription = connection.stream("endless", key).subscribe({
                    next: (item) => {
                        items.push(item);
                        if (items.length === 3) {
                            subscription.dispose();
                            resolve(items);
                        }
                    },
                    error: reject,
                    complete: () => reject(new Error("An endless stream ended")),
                });
            });
            assert.deepEqual(firstThree, [0, 1, 2]);
            assert.equal(await connection.invoke("endlessClosed", key), true);
            assert.equal(await connection.invoke("echo", "still here"), "still here");
        });

        test("broadcasts reach every connection", async () => {
            const first = connect({ transport });
            const second = connect({ transport });
            const arrivals = [nextCall(first, "broadcast"), nextCall(second, "broadcast")];
            await Promise.all([first.start(), second.start()]);
            await first.invoke("broadcast", "to all");
            assert.deepEqual(await Promise.all(arrivals), [["to all"], ["to all"]]);
        });

        test("reconnects after the network drops the connection, keeping its handlers", async () => {
            const connection = connect({ transport }, (builder) => builder.withAutomaticReconnect([0, 100, 500]),
                proxy.url);
            await connection.start();
            const firstId = connection.connectionId;
            const reconnecting = new Promise((resolve) => connection.onreconnecting(resolve));
            const reconnected = new Promise((resolve) => connection.onreconnected(resolve));
            proxy.drop();
            assertLostWithError(await reconnecting);
            const newId = await reconnected;
            assert.equal(connection.state, HubConnectionState.Connected);
            assertTransport(connection, name);
            assert.equal(newId, connection.connectionId);
            assert.notEqual(newId, firstId);
            const received = nextCall(connection, "received");
            await connection.invoke("tellCaller", "after reconnect");
            assert.deepEqual(await received, ["after reconnect"]);
        });

        test("without automatic reconnect a dropped connection closes with an error", async () => {
            const connection = connect({ transport }, undefined, proxy.url);
            await connection.start();
            const closed = new Promise((resolve) => connection.onclose(resolve));
            proxy.drop();
            assertLostWithError(await closed);
            assert.equal(connection.state, HubConnectionState.Disconnected);
            await assert.rejects(connection.invoke("echo", "x"), /not in the 'Connected' State/);
        });

        test("a hub's abort() closes the connection for good, as in SignalR", async () => {
            const connection = connect({ transport }, (builder) => builder.withAutomaticReconnect());
            await connection.start();
            let reconnecting = false;
            connection.onreconnecting(() => {
                reconnecting = true;
            });
            const closed = new Promise((resolve) => connection.onclose(resolve));
            connection.invoke("drop").catch(() => {});
            assert.equal(await closed, undefined);
            assert.equal(reconnecting, false);
            assert.equal(connection.state, HubConnectionState.Disconnected);
        });

        test("stop ends the connection, and start connects again", async () => {
            const connection = connect({ transport });
            await connection.start();
            const closed = new Promise((resolve) => connection.onclose(resolve));
            await connection.stop();
            assert.equal(await closed, undefined);
            assert.equal(connection.state, HubConnectionState.Disconnected);
            await connection.start();
            assert.equal(await connection.invoke("echo", "again"), "again");
        });
    });
}

describe("transport selection", () => {
    test("falls back to the next transport when WebSockets cannot connect", async () => {
        class RefusedWebSocket {
            constructor() {
                setTimeout(() => this.onclose?.({ code: 1006, reason: "" }));
            }

            close() {}
        }
        const connection = connect({ WebSocket: RefusedWebSocket });
        await connection.start();
        assertTransport(connection, "ServerSentEvents");
        assert.equal(await connection.invoke("echo", "fell back"), "fell back");
    });

    test("connects with WebSockets directly when negotiation is skipped", async () => {
        const connection = connect({ transport: HttpTransportType.WebSockets, skipNegotiation: true });
        await connection.start();
        assert.equal(await connection.invoke("add", 1, 1), 2);
    });

    test("negotiating with a missing hub fails with the HTTP status", async () => {
        const connection = new HubConnectionBuilder().withUrl(`${base}/missing`).configureLogging(LogLevel.None).build();
        await assert.rejects(connection.start(), /Failed to complete negotiation with the server: .*Status code '404'/);
        assert.equal(connection.state, HubConnectionState.Disconnected);
    });
});

describe("timeouts", () => {
    for (const name of ["WebSockets", "ServerSentEvents"]) {
        test(`a silent server times out over ${name}`, async () => {
            // The server pings every 15 s; a 300 ms server timeout expires long before.
            const connection = connect({ transport: HttpTransportType[name] }, (builder) => builder.withServerTimeout(300));
            await connection.start();
            const error = await new Promise((resolve) => connection.onclose(resolve));
            assert.equal(error.message, "Server timeout elapsed without receiving a message from the server.");
        });
    }
});
