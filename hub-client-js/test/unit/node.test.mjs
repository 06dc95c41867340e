// node.js and the client in Node: the `ws` package when there is no global WebSocket, and the cookies and
// headers that go with each request and with the WebSocket upgrade.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { HttpConnection } from "../../src/http-connection.js";
import { LogLevel } from "../../src/logging.js";
import { readFileSync } from "node:fs";
import { createContext, runInContext } from "node:vm";
import * as browser from "../../src/browser.js";
import { CookieJar } from "../../src/cookies.js";
import { inNode, USER_AGENT } from "../../src/http.js";
import { findWebSocket, NodeWebSocketTransport, TRANSPORTS } from "../../src/node.js";
import { NullLogger } from "../../src/logging.js";
import { HttpTransportType, TRANSPORTS as EVERYWHERE } from "../../src/transports.js";
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
function connect(t, options) {
    const logs = [];
    const connection = new HttpConnection("http://h/hub", options,
        { log: (level, message) => logs.push([level, message]) });
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
        const _importModule = importer(() => assert.fail("imported"));
        const Given = class {};
        const Global = class {};
        assert.equal(await findWebSocket({ WebSocket: Given, _importModule }), Given);
        await withGlobalWebSocket(Global, async () => {
            assert.equal(await findWebSocket({ WebSocket: Given, _importModule }), Given);
            assert.equal(await findWebSocket({ _importModule }), Global);
        });
        assert.deepEqual(_importModule.names, []);
    });

    test("without either, imports the ws package: its default export as ESM, or the class as CommonJS", async () => {
        const Ws = class {};
        const esm = importer(() => ({ default: Ws, WebSocket: Ws }));
        assert.equal(await findWebSocket({ _importModule: esm }), Ws);
        assert.deepEqual(esm.names, ["ws"]);
        assert.equal(await findWebSocket({ _importModule: importer(() => ({ WebSocket: Ws })) }), Ws);
    });

    test("without ws, says why and what to do, with the first line of the import's error", async () => {
        await assert.rejects(findWebSocket({ _importModule: notInstalled }), {
            message: "WebSockets needs the optional 'ws' package in this Node, which has no global WebSocket: "
                + "install it with 'npm install ws', or give the WebSocket option "
                + "(Cannot find package 'ws' imported from /app/index.mjs).",
        });
    });
});

describe("NodeWebSocketTransport", () => {
    test("is the WebSocket transport in Node", () => {
        assert.equal(TRANSPORTS[HttpTransportType.WebSockets], NodeWebSocketTransport);
        assert.equal(TRANSPORTS[HttpTransportType.LongPolling], EVERYWHERE[HttpTransportType.LongPolling]);
    });

    test("sends the cookies, the token and the headers option on the upgrade; the URL keeps no token", async () => {
        const WebSocket = openingWebSocket();
        const cookies = new CookieJar();
        cookies.store("https://h/hub/negotiate", new Headers([["set-cookie", "affinity=2; Secure"]]));
        const options = { WebSocket, _cookies: cookies, _accessToken: "tok", headers: { "X-A": "1" } };
        await new NodeWebSocketTransport(options, NullLogger.instance).connect("https://h/hub?id=t1");
        const [socket] = WebSocket.instances;
        assert.ok(socket instanceof WebSocket);
        assert.equal(socket.url, "wss://h/hub?id=t1");
        assert.deepEqual(socket.init, {
            headers: { Cookie: "affinity=2", "User-Agent": USER_AGENT[1], Authorization: "Bearer tok", "X-A": "1" },
        });
        assert.equal(options._accessToken, "tok", "the connection's options are left as they were");
    });

    test("a header in the option replaces the client's own; without any, the headers are empty", async () => {
        const WebSocket = openingWebSocket();
        const options = { WebSocket, _cookies: new CookieJar(), _accessToken: "tok", headers: { Authorization: "Basic me" } };
        await new NodeWebSocketTransport(options, NullLogger.instance).connect("http://h/hub");
        await new NodeWebSocketTransport({ WebSocket, _cookies: new CookieJar() }, NullLogger.instance).connect("http://h/");
        assert.deepEqual(WebSocket.instances.map((socket) => socket.init.headers), [
            { "User-Agent": USER_AGENT[1], Authorization: "Basic me" }, { "User-Agent": USER_AGENT[1] }]);
    });
});

describe("HttpConnection in Node", () => {
    test("connects with ws's WebSocket when there is no other, importing it once", async (t) => {
        const Ws = openingWebSocket();
        const _importModule = importer(() => ({ default: Ws }));
        const connection = connect(t, { fetch: fakeHubServer(), _importModule });
        await connection.start();
        await connection.stop();
        await connection.start();
        assert.equal(connection._transportName, "WebSockets");
        assert.equal(Ws.instances.length, 2);
        assert.deepEqual(_importModule.names, ["ws"]);
    });

    test("without ws, a warning says to install it and the next transport is used", async (t) => {
        const connection = connect(t, { fetch: fakeHubServer(), _importModule: notInstalled });
        await connection.start();
        assert.equal(connection._transportName, "ServerSentEvents");
        const [level, message] = connection.logs[0];
        assert.equal(level, LogLevel.Error);
        assert.match(message, /^Failed to start the transport 'WebSockets': Error: WebSockets needs the optional 'ws' package .*'npm install ws'/);
    });

    test("without ws, WebSockets alone fails with that reason, with or without negotiate", async (t) => {
        const onlyWebSockets = { fetch: fakeHubServer(), transport: HttpTransportType.WebSockets, _importModule: notInstalled };
        await assert.rejects(connect(t, onlyWebSockets).start(),
            { message: /available transports\. Error: WebSockets failed: Error: WebSockets needs .*'npm install ws'/ });
        await assert.rejects(connect(t, { ...onlyWebSockets, skipNegotiation: true }).start(),
            { message: /^WebSockets needs the optional 'ws' package in this Node/ });
    });

    test("ws is not imported when the client does not ask for WebSockets", async (t) => {
        const _importModule = importer(() => assert.fail("imported"));
        const connection = connect(t, { fetch: fakeHubServer(), transport: HttpTransportType.ServerSentEvents, _importModule });
        await connection.start();
        assert.deepEqual(_importModule.names, []);
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
            headers: {
                Cookie: "affinity=node-2; session=s1", "User-Agent": USER_AGENT[1], Authorization: "Bearer tok",
                "X-Tenant": "blue",
            },
        });
        assert.equal(fetch.calls[0].headers.Cookie, undefined, "no cookie before the server set one");
    });

    test("HTTP requests carry the cookies earlier answers set", async (t) => {
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

    test("a Cookie in the headers option replaces the jar's, on requests and on the upgrade", async (t) => {
        const fetch = fakeHubServer({
            negotiations: [() => jsonResponse(negotiation(), 200, [["set-cookie", "affinity=node-2"]])],
        });
        const WebSocket = openingWebSocket();
        const connection = connect(t, { fetch, WebSocket, headers: { Cookie: "mine=1" } });
        await connection.start();
        await connection.stop();
        await connection.start();
        assert.deepEqual(fetch.negotiates().map((c) => c.headers.Cookie), ["mine=1", "mine=1"]);
        assert.equal(WebSocket.instances[0].init.headers.Cookie, "mine=1");
    });
});

describe("the minified browser build", () => {
    test("has browser.js and runtime-browser.js in place of node.js and runtime.js: no cookie jar, the transports as "
        + "they are, no import, a browser's user agent", () => {
        assert.equal(browser.TRANSPORTS, EVERYWHERE);
        const options = { headers: { a: "1" } };
        assert.deepEqual(browser.connectionOptions(options), options);
        assert.notEqual(browser.connectionOptions(options), options);
        const script = readFileSync(new URL("../../dist/switchboard.min.js", import.meta.url), "utf8");
        assert.doesNotMatch(script, /import\(|require\(|npm install ws|NodeJS/);
        assert.match(script, /Unknown OS; Browser; Unknown Runtime Version/);
    });

    test("sets every export of the module on the global signalR, and keeps what was there", async () => {
        const script = readFileSync(new URL("../../dist/switchboard.min.js", import.meta.url), "utf8");
        const page = createContext({ signalR: { protocols: { msgpack: {} } } });
        runInContext(script, page);
        const api = await import("../../src/index.js");
        assert.deepEqual(Object.keys(page.signalR).sort(), [...Object.keys(api), "protocols"].sort());
        assert.equal(page.signalR.VERSION, api.VERSION);
        assert.equal(runInContext("new signalR.HubConnectionBuilder().withUrl('http://h/hub').build().state", page),
            "Disconnected");
    });
});
