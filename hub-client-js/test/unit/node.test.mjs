// node.js and the client in Node: the `ws` package when there is no global WebSocket, and the cookies and
// headers that go with each request and with the WebSocket upgrade.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { HttpConnection } from "../../src/http-connection.js";
import { LogLevel } from "../../src/logging.js";
import { readFileSync } from "node:fs";
import * as browser from "../../src/browser.js";
import { findWebSocket, inNode } from "../../src/node.js";
import { HttpTransportType } from "../../src/transports.js";
import { fakeHubServer, jsonResponse, negotiation, openingWebSocket } from "./fakes.js";

/** An import() that records what it is asked for and answers `answer(name)`. */
function importer(answer) {
    const load = async (name) => {
        load.names.push(name);
        return answer(name);
    };
    load.names = [];
    return load;
}

const notInstalled = importer(() => {
    throw Object.assign(new Error("Cannot find package 'ws' imported from /app/index.mjs\nDid you mean..."),
        { code: "ERR_MODULE_NOT_FOUND" });
});

// Node 20 has no global WebSocket; a later Node's is hidden while these tests run, as if it had none.
const nodesOwn = Object.getOwnPropertyDescriptor(globalThis, "WebSocket");
before(() => delete globalThis.WebSocket);
after(() => nodesOwn && Object.defineProperty(globalThis, "WebSocket", nodesOwn));

/** Runs `body` with `value` as globalThis.WebSocket. */
async function withGlobalWebSocket(value, body) {
    globalThis.WebSocket = value;
    try {
        await body();
    } finally {
        delete globalThis.WebSocket;
    }
}

/** An HttpConnection that records what it logs in `logs`, stopped when the test ends. */
function connect(t, options, importModule) {
    const logs = [];
    const connection = new HttpConnection("http://h/hub", options,
        { log: (level, message) => logs.push([level, message]) }, importModule);
    connection.logs = logs;
    t.after(() => connection.stop());
    return connection;
}

describe("findWebSocket", () => {
    test("these tests run in Node; a page with Node beside it counts as a browser", () => {
        assert.equal(inNode(), true);
        globalThis.document = {};
        try {
            assert.equal(inNode(), false);
        } finally {
            delete globalThis.document;
        }
    });

    test("the WebSocket option comes first, then the global; ws is not imported for either", async () => {
        const load = importer(() => assert.fail("imported"));
        const Given = class {};
        const Global = class {};
        assert.equal((await findWebSocket({ WebSocket: Given }, load)).WebSocket, Given);
        await withGlobalWebSocket(Global, async () => {
            assert.equal((await findWebSocket({ WebSocket: Given }, load)).WebSocket, Given);
            assert.equal((await findWebSocket({}, load)).WebSocket, Global);
        });
        assert.deepEqual(load.names, []);
    });

    test("without either, Node imports the ws package: its default export as ESM, or the class as CommonJS", async () => {
        const Ws = class {};
        const esm = importer(() => ({ default: Ws, WebSocket: Ws }));
        assert.equal((await findWebSocket({}, esm)).WebSocket, Ws);
        assert.deepEqual(esm.names, ["ws"]);
        assert.equal((await findWebSocket({}, importer(() => ({ WebSocket: Ws })))).WebSocket, Ws);
    });

    test("without ws, says why and what to do, with the first line of the import's error", async () => {
        const { WebSocket, missing } = await findWebSocket({}, notInstalled);
        assert.equal(WebSocket, undefined);
        assert.equal(missing, "this Node has no global WebSocket and the optional 'ws' package could not be loaded "
            + "(Cannot find package 'ws' imported from /app/index.mjs): install it with 'npm install ws', or give "
            + "the WebSocket option");
    });
});

describe("HttpConnection in Node", () => {
    test("connects with ws's WebSocket when there is no other, importing it once", async (t) => {
        const Ws = openingWebSocket();
        const load = importer(() => ({ default: Ws }));
        const connection = connect(t, { fetch: fakeHubServer() }, load);
        await connection.start();
        await connection.stop();
        await connection.start();
        assert.equal(connection._transportName, "WebSockets");
        assert.equal(Ws.instances.length, 2);
        assert.deepEqual(load.names, ["ws"]);
    });

    test("without ws, a warning says so and the next transport is used", async (t) => {
        const connection = connect(t, { fetch: fakeHubServer() }, notInstalled);
        await connection.start();
        assert.equal(connection._transportName, "ServerSentEvents");
        const [level, message] = connection.logs[0];
        assert.equal(level, LogLevel.Warning);
        assert.match(message, /^WebSockets is not supported here: this Node has no global WebSocket .*npm install ws/);
    });

    test("without ws, WebSockets alone fails with that reason, with or without negotiate", async (t) => {
        const fetch = fakeHubServer();
        const onlyWebSockets = { fetch, transport: HttpTransportType.WebSockets };
        await assert.rejects(connect(t, onlyWebSockets, notInstalled).start(),
            { message: /available transports\. WebSockets is not supported here: .*'npm install ws'/ });
        await assert.rejects(connect(t, { ...onlyWebSockets, skipNegotiation: true }, notInstalled).start(),
            { message: /^WebSockets is not supported here: this Node has no global WebSocket .*WebSocket option\.$/ });
    });

    test("ws is not imported when the client does not ask for WebSockets", async (t) => {
        const load = importer(() => assert.fail("imported"));
        const connection = connect(t, { fetch: fakeHubServer(), transport: HttpTransportType.ServerSentEvents }, load);
        await connection.start();
        assert.deepEqual(load.names, []);
        assert.deepEqual(connection.logs.filter(([level]) => level >= LogLevel.Warning), []);
    });

    test("the upgrade carries the headers option, the bearer token and the cookies negotiate set", async (t) => {
        const fetch = fakeHubServer({
            negotiations: [() => jsonResponse(negotiation(), 200,
                [["set-cookie", "affinity=node-2; Path=/; HttpOnly"], ["set-cookie", "session=s1"]])],
        });
        const WebSocket = openingWebSocket();
        const headers = { "X-Tenant": "blue" };
        await connect(t, { fetch, WebSocket, headers, accessTokenFactory: () => "tok" }).start();
        const [socket] = WebSocket.instances;
        assert.equal(socket.url, "ws://h/hub?id=token-1");
        assert.deepEqual(socket.init, {
            headers: { Cookie: "affinity=node-2; session=s1", Authorization: "Bearer tok", "X-Tenant": "blue" },
        });
        assert.equal(fetch.calls[0].headers.Cookie, undefined, "no cookie before the server set one");
    });

    test("HTTP requests carry the cookies earlier answers set, until one deletes them", async (t) => {
        let polls = 0;
        const fetch = fakeHubServer({
            negotiations: [() => jsonResponse(negotiation({ transports: ["LongPolling"] }), 200,
                [["set-cookie", "affinity=node-2"]])],
            firstPoll: () => new Response("", { headers: [["set-cookie", `poll=${++polls}`]] }),
        });
        const connection = connect(t, { fetch });
        await connection.start();
        await connection.send("a\x1e");
        assert.deepEqual(fetch.calls.slice(1).map((c) => [c.method, c.headers.Cookie]),
            [["GET", "affinity=node-2"], ["GET", "affinity=node-2; poll=1"], ["POST", "affinity=node-2; poll=1"]]);
    });

    test("a Cookie in the headers option replaces the jar's", async (t) => {
        const fetch = fakeHubServer({
            negotiations: [() => jsonResponse(negotiation(), 200, [["set-cookie", "affinity=node-2"]])],
        });
        const WebSocket = openingWebSocket();
        await connect(t, { fetch, WebSocket, headers: { Cookie: "mine=1" } }).start();
        assert.equal(WebSocket.instances[0].init.headers.Cookie, "mine=1");
    });
});


describe("the minified browser build", () => {
    test("has browser.js in node.js's place: no cookie jar, and no import of ws", async () => {
        assert.equal(browser.cookieJar(), undefined);
        assert.deepEqual(await browser.findWebSocket({}), { missing: "there is no global WebSocket and no WebSocket option" });
        const Given = class {};
        assert.deepEqual(await browser.findWebSocket({ WebSocket: Given }), { WebSocket: Given });
        const script = readFileSync(new URL("../../dist/switchboard.min.js", import.meta.url), "utf8");
        assert.doesNotMatch(script, /import\(|require\(|npm install ws/);
    });
});
