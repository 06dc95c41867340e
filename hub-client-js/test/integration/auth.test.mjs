// Authentication with our client and the official one (SWITCHBOARD_CLIENT=official), both through
// accessTokenFactory, against the server AuthIntegrationTest starts (SWITCHBOARD_AUTH_URL). Skipped when the
// directory runs for ClientIntegrationTest, whose server does not authenticate.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

const official = process.env.SWITCHBOARD_CLIENT === "official";
const { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel } = official
    ? await import("@microsoft/signalr")
    : await import("../../src/index.js");
const base = process.env.SWITCHBOARD_AUTH_URL;
const skip = base ? false : "SWITCHBOARD_AUTH_URL is not set: AuthIntegrationTest runs these tests";
const open = [];

/**
 * A connection to the authenticating hub (or the one at `path`), with `token` (none when undefined); stopped when
 * the test ends.
 */
function connect(transport, token, skipNegotiation = false, path = "/auth") {
    const options = { transport, skipNegotiation };
    if (token !== undefined) {
        options.accessTokenFactory = () => token;
    }
    const connection = new HubConnectionBuilder()
        .withUrl(base + path, options)
        .configureLogging(LogLevel.None)
        .build();
    open.push(connection);
    return connection;
}

/** Every item of a stream; rejects with the stream's error. */
function collect(stream) {
    return new Promise((resolve, reject) => {
        const items = [];
        stream.subscribe({ next: (item) => items.push(item), complete: () => resolve(items), error: reject });
    });
}

/**
 * Rejected for a 401 or 403 as both clients report ASP.NET Core's empty 401 and 403: the status's reason phrase in a
 * negotiate failure.
 */
async function assertRefused(starting, status, reason) {
    await assert.rejects(starting,
        { message: `Failed to complete negotiation with the server: Error: ${reason}: Status code '${status}'` });
}

afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));

for (const name of ["WebSockets", "ServerSentEvents", "LongPolling"]) {
    const transport = HttpTransportType[name];

    describe(`authentication over ${name}`, { skip }, () => {
        test("without a token the hub refuses the connection with 401", async () => {
            const connection = connect(transport);
            await assertRefused(connection.start(), 401, "Unauthorized");
            assert.equal(connection.state, HubConnectionState.Disconnected);
        });

        test("a refused token is 401 too", async () => {
            const connection = connect(transport, "expired");
            await assertRefused(connection.start(), 401, "Unauthorized");
        });

        test("with a token the hub knows its user", async () => {
            const connection = connect(transport, "token-alice");
            await connection.start();
            assert.equal(connection.state, HubConnectionState.Connected);
            assert.equal(await connection.invoke("whoAmI"), "alice [admin]");
            assert.equal(await connection.invoke("adminOnly"), "secret");
            assert.deepEqual(await collect(connection.stream("adminCount", 3)), [1, 2, 3]);
        });

        test("a method for another role is rejected with the server's message", async () => {
            const connection = connect(transport, "token-bob");
            await connection.start();
            await assert.rejects(connection.invoke("adminOnly"),
                { message: "Failed to invoke 'adminOnly' because user is unauthorized" });
            await assert.rejects(collect(connection.stream("adminCount", 3)),
                { message: "Failed to invoke 'adminCount' because user is unauthorized" });
            assert.equal(await connection.invoke("whoAmI"), "bob []");
        });

        test("a named policy guards a method, and a hub: 401 without a user, 403 for one who fails it", async () => {
            const alice = connect(transport, "token-alice");
            const bob = connect(transport, "token-bob");
            await Promise.all([alice.start(), bob.start()]);
            assert.equal(await alice.invoke("aliceOnly"), "hello alice");
            await assert.rejects(bob.invoke("aliceOnly"),
                { message: "Failed to invoke 'aliceOnly' because user is unauthorized" });
            await assertRefused(connect(transport, undefined, false, "/alice").start(), 401, "Unauthorized");
            await assertRefused(connect(transport, "token-bob", false, "/alice").start(), 403, "Forbidden");
            const aliceHub = connect(transport, "token-alice", false, "/alice");
            await aliceHub.start();
            assert.equal(await aliceHub.invoke("whoAmI"), "alice");
        });

        test("hub paths match ignoring case", async () => {
            const shouting = connect(transport, "token-alice", false, "/AUTH");
            await shouting.start();
            assert.equal(await shouting.invoke("whoAmI"), "alice [admin]");
            const mixed = connect(transport, "token-alice", false, "/Alice");
            await mixed.start();
            assert.equal(await mixed.invoke("whoAmI"), "alice");
        });
    });
}

describe("a WebSocket that skips negotiation", { skip }, () => {
    test("is refused without a token and opens with one", async () => {
        await assert.rejects(connect(HttpTransportType.WebSockets, undefined, true).start());
        const connection = connect(HttpTransportType.WebSockets, "token-alice", true);
        await connection.start();
        assert.equal(await connection.invoke("whoAmI"), "alice [admin]");
    });
});
