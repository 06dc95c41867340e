// Hub filters seen from the client: FilterTestHub.Guard, registered for the /filtered hub only, refuses some
// calls before the hub runs them (ClientIntegrationTest maps it and sets SWITCHBOARD_URL).
// With SWITCHBOARD_CLIENT=official the same tests run the official @microsoft/signalr client.
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

async function connect(path) {
    const connection = new HubConnectionBuilder()
        .withUrl(`${base}${path}`)
        .configureLogging(LogLevel.Warning)
        .build();
    open.push(connection);
    await connection.start();
    return connection;
}

afterEach(() => Promise.all(open.splice(0).map((connection) => connection.stop())));

describe("hub filters", () => {
    test("a call the filter refuses rejects with the filter's message", async () => {
        const connection = await connect("/filtered");
        await assert.rejects(connection.invoke("secret"), (error) => {
            assert.equal(error.message, "An unexpected error occurred invoking 'secret' on the server. "
                + "HubException: Access to secret denied");
            return true;
        });
        await assert.rejects(connection.invoke("echo", "  "), {
            message: "An unexpected error occurred invoking 'echo' on the server. "
                + "HubException: echo needs a text that is not blank",
        });
    });

    test("a call the filter lets through returns normally", async () => {
        const connection = await connect("/filtered");
        assert.equal(await connection.invoke("echo", "through the filter"), "through the filter");
    });

    test("the filter is registered for its hub only", async () => {
        const connection = await connect("/hub");
        assert.equal(await connection.invoke("echo", "  "), "  ");
    });
});
