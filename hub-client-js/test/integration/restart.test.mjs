// A server restart with our client and the official one (SWITCHBOARD_CLIENT=official): RestartIntegrationTest
// serves a hub on a fixed port (SWITCHBOARD_RESTART_URL) and, on POST /restart to its control server
// (SWITCHBOARD_CONTROL_URL), closes it and starts another on the same port. Clients built with automatic
// reconnect, and its default delays, must be told to go, reconnect and call the new server with no help.
// Skipped when the directory runs for ClientIntegrationTest, which does not restart its server.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

const official = process.env.SWITCHBOARD_CLIENT === "official";
const { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel } = official
    ? await import("@microsoft/signalr")
    : await import("../../src/index.js");
const base = process.env.SWITCHBOARD_RESTART_URL;
const control = process.env.SWITCHBOARD_CONTROL_URL;
const skip = base && control ? false : "SWITCHBOARD_RESTART_URL is not set: RestartIntegrationTest runs these tests";
const open = [];

/** Closes the server and starts the next on its port; resolves once it listens. */
async function restartServer() {
    const response = await fetch(`${control}/restart`, { method: "POST" });
    assert.equal(response.status, 204, await response.text());
}

afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));

for (const name of ["WebSockets", "ServerSentEvents", "LongPolling"]) {
    describe(`a server restart over ${name}`, { skip }, () => {
        test("the client reconnects to the new server by itself and calls it", async () => {
            const connection = new HubConnectionBuilder()
                .withUrl(`${base}/restart`, { transport: HttpTransportType[name] })
                .withAutomaticReconnect()
                .configureLogging(LogLevel.None)
                .build();
            open.push(connection);
            const events = [];
            const reconnecting = new Promise((resolve) => connection.onreconnecting((error) => {
                events.push("reconnecting");
                resolve(error);
            }));
            const reconnected = new Promise((resolve) => connection.onreconnected((id) => {
                events.push("reconnected");
                resolve(id);
            }));
            connection.onclose(() => events.push("closed"));
            await connection.start();
            const before = await connection.invoke("generation");
            const firstId = connection.connectionId;

            await restartServer();
            // The Close allowed reconnecting: no error, and the client goes on by itself.
            assert.equal(await reconnecting, undefined);
            const newId = await reconnected;
            assert.equal(connection.state, HubConnectionState.Connected);
            assert.notEqual(newId, firstId);
            assert.equal(await connection.invoke("generation"), before + 1);
            assert.deepEqual(events, ["reconnecting", "reconnected"]);
        });
    });
}
