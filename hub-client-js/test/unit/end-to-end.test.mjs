// The pieces together: HubConnectionBuilder → HubConnection → HttpConnection → transports, over fakes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    AbortError, HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel,
} from "../../src/index.js";
import {
    deferred, eventStream, fakeFetch, fakeWebSocketClass, flush, jsonResponse, negotiation, records, textResponse,
} from "./fakes.js";

/** A server that negotiates connection n as id-n/token-n and opens every WebSocket; `sockets` lists them. */
function webSocketServer() {
    let n = 0;
    const fetch = fakeFetch(() => {
        n++;
        return jsonResponse(negotiation({ id: `id-${n}`, token: `token-${n}` }));
    });
    const WebSocket = fakeWebSocketClass((socket) => queueMicrotask(() => socket.open()));
    return { fetch, WebSocket, sockets: WebSocket.instances };
}

/** Waits until the socket has sent `count` frames and returns them as records. */
async function sentBy(socket, count) {
    while (socket.sent.length < count) {
        await flush();
    }
    return socket.sent.flatMap((data) => records(data));
}

/** Waits for the first WebSocket the client opens. */
async function firstSocket(sockets) {
    while (!sockets.length) {
        await flush();
    }
    return sockets[0];
}

function build(t, options, configure = (b) => b) {
    const hub = configure(new HubConnectionBuilder().withUrl("http://h/hub", options).configureLogging(LogLevel.None)).build();
    t.after(() => hub.stop());
    return hub;
}

describe("over WebSockets", () => {
    test("start, invoke, a binary frame from the server, and stop", async (t) => {
        const { fetch, WebSocket, sockets } = webSocketServer();
        const hub = build(t, { fetch, WebSocket });
        const calls = [];
        hub.on("notify", (...args) => calls.push(args));

        const start = hub.start();
        const [handshake] = await sentBy(await firstSocket(sockets), 1);
        assert.deepEqual(handshake, { protocol: "json", version: 1 });
        sockets[0].message("{}\x1e");
        await start;
        assert.equal(hub.state, HubConnectionState.Connected);
        assert.equal(hub.connectionId, "id-1");
        assert.equal(hub.transport, "WebSockets");

        const result = hub.invoke("Add", 40, 2);
        const [, ping, invocation] = await sentBy(sockets[0], 3);
        assert.deepEqual(ping, { type: 6 });
        assert.deepEqual(invocation, { type: 1, invocationId: "0", target: "Add", arguments: [40, 2] });
        sockets[0].message(new TextEncoder().encode('{"type":3,"invocationId":"0","result":42}\x1e{"type":1,"target":"Notify","arguments":["✓"]}\x1e').buffer);
        assert.equal(await result, 42);
        assert.deepEqual(calls, [["✓"]]);

        await hub.stop();
        assert.deepEqual((await sentBy(sockets[0], 4))[3], { type: 7 });
        assert.equal(sockets[0].closeCalls, 1);
        assert.equal(hub.state, HubConnectionState.Disconnected);
    });

    test("reconnects with a new negotiate after the socket drops", async (t) => {
        const { fetch, WebSocket, sockets } = webSocketServer();
        const hub = build(t, { fetch, WebSocket }, (b) => b.withAutomaticReconnect([0]));
        const start = hub.start();
        await sentBy(await firstSocket(sockets), 1);
        sockets[0].message("{}\x1e");
        await start;

        const reconnecting = new Promise((resolve) => hub.onreconnecting(resolve));
        const reconnected = new Promise((resolve) => hub.onreconnected(resolve));
        sockets[0].serverClose(1006);
        assert.equal((await reconnecting).message, "WebSocket closed with status code: 1006 (no reason given).");
        while (sockets.length < 2) {
            await flush();
        }
        assert.equal(sockets[1].url, "ws://h/hub?id=token-2");
        await sentBy(sockets[1], 1);
        sockets[1].message("{}\x1e");
        assert.equal(await reconnected, "id-2");
        assert.equal(hub.state, HubConnectionState.Connected);
    });

    test("stop() during negotiate rejects start with an AbortError", async (t) => {
        const answer = deferred();
        const hub = build(t, { fetch: fakeFetch(() => answer.promise), WebSocket: fakeWebSocketClass() });
        const start = hub.start();
        const stopped = hub.stop();
        answer.resolve(jsonResponse(negotiation()));
        await assert.rejects(start, AbortError);
        await stopped;
        assert.equal(hub.state, HubConnectionState.Disconnected);
    });
});

/**
 * A fetch for a hub reached over Server-Sent Events: negotiate offers only them, the GET gets `stream`
 * (after `onGet` has seen it), and each POST's body goes to `posts`.
 */
function eventStreamFetch(stream, posts, onGet = () => {}) {
    return fakeFetch((call) => {
        if (call.url.includes("/negotiate")) {
            return jsonResponse(negotiation({ transports: ["ServerSentEvents"] }));
        }
        if (call.method === "GET") {
            onGet(call);
            return stream.response;
        }
        posts.push(call.body);
        return textResponse("");
    });
}

test("over Server-Sent Events: the handshake goes in a POST, the answer in an event", async (t) => {
    const stream = eventStream();
    const posts = [];
    const fetch = eventStreamFetch(stream, posts);
    const hub = build(t, { fetch, transport: HttpTransportType.ServerSentEvents });
    const start = hub.start();
    while (!posts.length) {
        await flush();
    }
    assert.equal(posts[0], '{"protocol":"json","version":1}\x1e');
    stream.push(":\r\n\r\ndata: {}\x1e\r\n\r\n");
    await start;
    assert.equal(hub.transport, "ServerSentEvents");
    const result = hub.invoke("Echo", "hi");
    stream.push('data: {"type":3,"invocationId":"0","result":"hi"}\x1e\r\n\r\n');
    assert.equal(await result, "hi");
});

test("over Server-Sent Events: stop() in a handler leaves no timer to keep Node running", async (t) => {
    const stream = eventStream();
    const posts = [];
    const fetch = eventStreamFetch(stream, posts, (call) => stream.abortWith(call.signal));
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;
    const before = timers();
    const hub = build(t, { fetch, transport: HttpTransportType.ServerSentEvents });
    const calls = [];
    hub.on("first", () => {
        calls.push("first");
        hub.stop();
    });
    hub.on("second", () => calls.push("second"));
    const start = hub.start();
    while (!posts.length) {
        await flush();
    }
    stream.push("data: {}\x1e\r\n\r\n");
    await start;
    assert.ok(timers() > before, "the server timeout and the keep-alive run while connected");
    const closed = new Promise((resolve) => hub.onclose(resolve));
    // One read brings both events: the first one's handler stops the connection before the second is parsed.
    stream.push('data: {"type":1,"target":"first","arguments":[]}\x1e\r\n\r\n'
        + 'data: {"type":1,"target":"second","arguments":[]}\x1e\r\n\r\n');
    assert.equal(await closed, undefined);
    await flush();
    assert.deepEqual(calls, ["first"]);
    assert.equal(timers(), before, "nothing is left running once the connection has closed");
});
