// HTTP routes beside a hub, with our client and the official one (SWITCHBOARD_CLIENT=official), against the server
// RoutesIntegrationTest starts (SWITCHBOARD_ROUTES_URL): accessTokenFactory fetches its token from a POST route on
// the hub's port, and a before-handler sets a cookie on negotiate, which the client's cookie jar sends on its
// transport, where the hub sees it.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

const official = process.env.SWITCHBOARD_CLIENT === "official";
const { HttpTransportType, HubConnectionBuilder, LogLevel } = official
    ? await import("@microsoft/signalr")
    : await import("../../src/index.js");
const base = process.env.SWITCHBOARD_ROUTES_URL;
const skip = base ? false : "SWITCHBOARD_ROUTES_URL is not set: RoutesIntegrationTest runs these tests";
const open = [];

afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));

/** The token the route issues for `name`. */
async function token(name) {
    const response = await fetch(`${base}/token`, { method: "POST", body: name });
    assert.equal(response.status, 200);
    return response.text();
}

for (const name of ["WebSockets", "ServerSentEvents", "LongPolling"]) {
    describe(`HTTP routes beside the hub over ${name}`, { skip }, () => {
        test("the token comes from a route, the negotiate cookie goes out on the transport", async () => {
            const connection = new HubConnectionBuilder()
                .withUrl(`${base}/visit`, {
                    transport: HttpTransportType[name],
                    accessTokenFactory: () => token("alice"),
                })
                .configureLogging(LogLevel.None)
                .build();
            open.push(connection);
            await connection.start();
            assert.match(await connection.invoke("visit"), /^alice affinity=n\d+$/);
        });
    });
}

describe("a before-handler that refuses negotiate", { skip }, () => {
    test("fails the start with its status", async () => {
        const connection = new HubConnectionBuilder()
            .withUrl(`${base}/visit?closed=yes`, { accessTokenFactory: () => token("alice") })
            .configureLogging(LogLevel.None)
            .build();
        await assert.rejects(connection.start(), (error) => {
            assert.ok(error.statusCode === 503 || /503/.test(String(error.message)), `${error.name}: ${error.message}`);
            return true;
        });
    });
});
