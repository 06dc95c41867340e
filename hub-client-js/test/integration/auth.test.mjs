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

/** A connection to the authenticating hub, with `token` (none when undefined); stopped when the test ends. */
function connect(transport, token, skipNegotiation = false) {
    const options = { transport, skipNegotiation };
    if (token !== undefined) {
        options.accessTokenFactory = () => token;
    }
    const connection = new HubConnectionBuilder()
        .withUrl(`${base}/auth`, options)
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
 * Rejected for a 401: ours reports an HttpError with the status; the official client, a negotiate failure (or
 * for a WebSocket, an error event) whose message names it.
 */
async function assertUnauthorized(starting) {
    await assert.rejects(starting, (error) => {
        assert.ok(error.statusCode === 401 || /401|Unauthorized/.test(String(error.message)),
            `not a 401: ${error.name}: ${error.message} (status ${error.statusCode})`);
        return true;
    });
}

afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));

for (const name of ["WebSockets", "ServerSentEvents", "LongPolling"]) {
    const transport = HttpTransportType[name];

    describe(`authentication over ${name}`, { skip }, () => {
        test("without a token the hub refuses the connection with 401", async () => {
            const connection = connect(transport);
            await assertUnauthorized(connection.start());
            assert.equal(connection.state, HubConnectionState.Disconnected);
        });

        test("a refused token is 401 too", async () => {
            const connection = connect(transport, "expired");
            await assertUnauthorized(connection.start());
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
