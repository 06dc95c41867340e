// transports.js: the WebSocket transport, over a fake WebSocket class.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { NOT_CONNECTED } from "../../src/errors.js";
import { NullLogger } from "../../src/logging.js";
import { WebSocketTransport } from "../../src/transports.js";
import { fakeWebSocketClass, openingWebSocket } from "./fakes.js";

/** A connected transport; `received` and `closes` record what it reports. */
async function connected(url = "http://h/hub?id=t1", options = {}) {
    const WebSocket = openingWebSocket();
    const transport = new WebSocketTransport({ WebSocket, ...options }, NullLogger.instance);
    const received = [];
    const closes = [];
    transport.onreceive = (data) => received.push(data);
    transport.onclose = (error) => closes.push(error);
    await transport.connect(url);
    return { transport, socket: WebSocket.instances[0], received, closes };
}

describe("WebSocket transport", () => {
    test("connects to the URL with http replaced by ws, asking for ArrayBuffers", async () => {
        const { socket } = await connected("http://h/hub?id=t1");
        assert.equal(socket.url, "ws://h/hub?id=t1");
        assert.equal(socket.binaryType, "arraybuffer");
        assert.equal((await connected("https://h/hub?id=t1")).socket.url, "wss://h/hub?id=t1");
    });

    test("puts the access token in the URL and gives the socket nothing else, as a browser's", async () => {
        const { socket } = await connected("http://h/hub?id=t1", { _accessToken: "a b+c", headers: { "X-A": "1" } });
        assert.equal(socket.url, "ws://h/hub?id=t1&access_token=a%20b%2Bc");
        assert.equal(socket.init, undefined);
    });

    test("is supported with a WebSocket option", () => {
        assert.equal(WebSocketTransport._supported({ WebSocket: class {} }), true);
    });

    test("sends text as it is and delivers what arrives, text or bytes", async () => {
        const { transport, socket, received } = await connected();
        await transport.send('{"type":6}\x1e');
        assert.deepEqual(socket.sent, ['{"type":6}\x1e']);
        const bytes = new TextEncoder().encode("{}\x1e").buffer;
        socket.message("{}\x1e");
        socket.message(bytes);
        assert.deepEqual(received, ["{}\x1e", bytes]);
    });

    test("a socket that closes before opening fails connect", async () => {
        const WebSocket = fakeWebSocketClass((socket) => queueMicrotask(() => socket.fail()));
        const transport = new WebSocketTransport({ WebSocket }, NullLogger.instance);
        let closed = false;
        transport.onclose = () => { closed = true; };
        await assert.rejects(transport.connect("http://h/hub"), { message: "WebSocket failed to connect." });
        assert.equal(closed, false);
    });

    test("close code 1000 ends without an error", async () => {
        const { socket, closes } = await connected();
        socket.serverClose(1000);
        assert.deepEqual(closes, [undefined]);
    });

    test("other close codes end with the code and the reason", async () => {
        const { socket, closes } = await connected();
        socket.serverClose(1011, "Server error");
        assert.equal(closes.length, 1);
        assert.equal(closes[0].message, "WebSocket closed with status code: 1011 (Server error).");
        const other = await connected();
        other.socket.serverClose(1006);
        assert.equal(other.closes[0].message, "WebSocket closed with status code: 1006 (no reason given).");
    });

    test("stop closes the socket and ends once, without an error", async () => {
        const { transport, socket, received, closes } = await connected();
        await transport.stop();
        assert.equal(socket.closeCalls, 1);
        assert.deepEqual(closes, [undefined]);
        socket.message("late\x1e");
        socket.serverClose(1006);
        await transport.stop();
        assert.deepEqual(closes, [undefined]);
        assert.deepEqual(received, []);
    });

    test("send before the socket is open, or after it closed, rejects", async () => {
        const WebSocket = fakeWebSocketClass();
        const transport = new WebSocketTransport({ WebSocket }, NullLogger.instance);
        transport.connect("http://h/hub");
        await assert.rejects(transport.send("x"), { message: NOT_CONNECTED });
        WebSocket.instances[0].open();
        await transport.send("y");
        WebSocket.instances[0].serverClose(1000);
        await assert.rejects(transport.send("z"), { message: NOT_CONNECTED });
        assert.deepEqual(WebSocket.instances[0].sent, ["y"]);
    });
});
