// Hub methods that take services from the server's injector (ServiceTestHub, mapped by ClientIntegrationTest): the
// client sends only the arguments. With SWITCHBOARD_CLIENT=official the same tests run the official client.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

const official = process.env.SWITCHBOARD_CLIENT === "official";
const { HubConnectionBuilder, LogLevel } = official
    ? await import("@microsoft/signalr")
    : await import("../../src/index.js");
const base = process.env.SWITCHBOARD_URL;
if (!base) {
    throw new Error("SWITCHBOARD_URL is not set: run these tests through Maven (ClientIntegrationTest)");
}
const open = [];

async function connect() {
    const connection = new HubConnectionBuilder()
        .withUrl(`${base}/services`)
        .configureLogging(LogLevel.Warning)
        .build();
    open.push(connection);
    await connection.start();
    return connection;
}

afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));

describe("services in hub methods", () => {
    test("the client sends the arguments only; the server supplies each service per call", async () => {
        const connection = await connect();
        assert.equal(await connection.invoke("greet", "Ann"), "Hello, Ann");
        const first = await connection.invoke("callNumber");
        assert.equal(await connection.invoke("callNumber"), first + 1);
    });

    test("an argument for a service parameter is one too many, in SignalR's words", async () => {
        const connection = await connect();
        await assert.rejects(connection.invoke("greet", "Ann", { greeting: "Hi" }), {
            message: "Failed to invoke 'greet' due to an error on the server. "
                + "Invocation provides 2 argument(s) but target expects 1.",
        });
        assert.equal(await connection.invoke("greet", "Bob"), "Hello, Bob");
    });
});
