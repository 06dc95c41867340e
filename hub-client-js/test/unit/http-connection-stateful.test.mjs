// http-connection.js with stateful reconnect; the HttpClient, timeout and error classes of negotiate; a transport
// of the caller's own; logMessageContent.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    AggregateErrors, DisabledTransportError, FailedToNegotiateWithServerError, FailedToStartTransportError, TimeoutError,
} from "../../src/errors.js";
import { HttpClient, HttpResponse } from "../../src/http.js";
import { HttpConnection } from "../../src/http-connection.js";
import { LogLevel, NullLogger } from "../../src/logging.js";
import { HttpTransportType } from "../../src/transports.js";
import {
    failingWebSocket, fakeFetch, flush, openingWebSocket, fakeHubServer as server, fakeWebSocketClass, negotiation, pendingResponse,
} from "./fakes.js";

function connect(t, options) {
    const connection = new HttpConnection("http://h/hub", options, NullLogger.instance);
    t.after(() => connection.stop());
    return connection;
}

/** Resolves once `condition()` holds, checking after each turn of the event loop. */
async function waitFor(condition) {
    while (!condition()) {
        await flush();
    }
}

/** Sockets that open, except those the test told to fail (by index). */
const sockets = (failing = new Set()) => fakeWebSocketClass((socket) => queueMicrotask(() => (
    failing.has(socket.constructor.instances.length - 1) ? socket.fail() : socket.open())));

/** The server agrees to stateful reconnect. */
const agreeing = () => server({ negotiations: [{ ...negotiation(), useStatefulReconnect: true }] });

/** Stands in for the hub connection's buffer. */
function hubFeatures(connection) {
    const calls = [];
    let resent;
    calls.resent = new Promise((resolve) => {
        resent = resolve;
    });
    connection.features.disconnected = () => calls.push("disconnected");
    connection.features.resend = async () => {
        calls.push("resend");
        resent();
    };
    return calls;
}

describe("stateful reconnect on the connection", () => {
    test("negotiate asks for it; the server's yes enables it on WebSockets only", async (t) => {
        const fetch = agreeing();
        const connection = connect(t, { fetch, WebSocket: sockets(), _useStatefulReconnect: true });
        await connection.start();
        assert.equal(fetch.calls[0].url, "http://h/hub/negotiate?negotiateVersion=1&useStatefulReconnect=true");
        assert.equal(connection.features.reconnect, true);
        const polling = connect(t, { fetch: agreeing(), _useStatefulReconnect: true, transport: HttpTransportType.LongPolling });
        await polling.start();
        assert.equal(polling.features.reconnect, false);
    });

    test("a server that offers it unasked is refused, as upstream", async (t) => {
        await assert.rejects(connect(t, { fetch: agreeing(), WebSocket: sockets() }).start(),
            (e) => e instanceof FailedToNegotiateWithServerError
                && e.message === "Client didn't negotiate Stateful Reconnect but the server did.");
    });

    test("an unclean drop opens one new socket to the same URL, without negotiate, and resends", async (t) => {
        const fetch = agreeing();
        const WebSocket = sockets();
        const connection = connect(t, { fetch, WebSocket, _useStatefulReconnect: true });
        const closes = [];
        connection.onclose = (e) => closes.push(e);
        await connection.start();
        const calls = hubFeatures(connection);
        WebSocket.instances[0].fail();
        await calls.resent;
        assert.deepEqual([...calls], ["disconnected", "resend"]);
        assert.equal(WebSocket.instances.length, 2);
        assert.equal(WebSocket.instances[1].url, WebSocket.instances[0].url);
        assert.equal(fetch.negotiates().length, 1);
        assert.deepEqual(closes, []);
        await connection.send("x");
        assert.deepEqual(WebSocket.instances[1].sent, ["x"]);
    });

    test("a stop() while the new socket opens closes it and ends the connection once", async (t) => {
        const WebSocket = fakeWebSocketClass();
        const connection = connect(t, { fetch: agreeing(), WebSocket, _useStatefulReconnect: true });
        const closes = [];
        connection.onclose = (e) => closes.push(e);
        const started = connection.start();
        await waitFor(() => WebSocket.instances.length === 1);
        WebSocket.instances[0].open();
        await started;
        const calls = hubFeatures(connection);
        WebSocket.instances[0].fail();
        await waitFor(() => WebSocket.instances.length === 2);
        await connection.stop();
        WebSocket.instances[1].open();
        await flush();
        assert.equal(WebSocket.instances[1].closeCalls, 1, "the late socket is closed");
        assert.deepEqual([...calls], ["disconnected"], "nothing resent");
        assert.deepEqual(closes, [undefined]);
    });

    test("when that one retry fails, the connection ends with the drop's error", async (t) => {
        const WebSocket = sockets(new Set([1]));
        const connection = connect(t, { fetch: agreeing(), WebSocket, _useStatefulReconnect: true });
        const closed = new Promise((resolve) => {
            connection.onclose = resolve;
        });
        await connection.start();
        hubFeatures(connection);
        WebSocket.instances[0].fail();
        assert.equal((await closed).message, "WebSocket closed with status code: 1006 (no reason given).");
        assert.equal(WebSocket.instances.length, 2);
    });
});

describe("negotiate's HttpClient, timeout and errors", () => {
    test("the httpClient option makes negotiate, polls, POSTs and the DELETE", async (t) => {
        const requests = [];
        const httpClient = new (class extends HttpClient {
            send(request) {
                requests.push(`${request.method} ${request.url.replace(/[?&]_=\d+/, "")}`);
                if (request.url.includes("negotiate")) {
                    return Promise.resolve(new HttpResponse(200, "OK", JSON.stringify(negotiation())));
                }
                return requests.filter((r) => r.startsWith("GET")).length > 1 && request.method === "GET"
                    ? new Promise(() => {}) : Promise.resolve(new HttpResponse(200, "OK", ""));
            }
        })();
        const connection = connect(t, { httpClient, transport: HttpTransportType.LongPolling, fetch: () => assert.fail() });
        await connection.start();
        await connection.send("m");
        await connection.stop();
        assert.deepEqual(requests, ["POST http://h/hub/negotiate?negotiateVersion=1", "GET http://h/hub?id=token-1",
            "GET http://h/hub?id=token-1", "POST http://h/hub?id=token-1", "DELETE http://h/hub?id=token-1"]);
    });

    test("negotiate past the timeout fails with FailedToNegotiateWithServerError naming the TimeoutError", async (t) => {
        const fetch = fakeFetch((call) => pendingResponse(call.signal));
        const error = await connect(t, { fetch, timeout: 20 }).start().catch((e) => e);
        assert.ok(error instanceof FailedToNegotiateWithServerError);
        assert.equal(error.errorType, "FailedToNegotiateWithServerError");
        assert.equal(error.message, `Failed to complete negotiation with the server: ${new TimeoutError()}`);
    });

    test("every transport failing is an AggregateErrors of upstream's errors", async (t) => {
        const error = await connect(t, { fetch: server(), WebSocket: failingWebSocket(),
            transport: HttpTransportType.WebSockets }).start().catch((e) => e);
        assert.ok(error instanceof AggregateErrors);
        const [start, disabledName, disabled] = error.innerErrors;
        assert.ok(start instanceof FailedToStartTransportError);
        assert.equal(start.transport, HttpTransportType.WebSockets);
        assert.equal(disabledName, "ServerSentEvents failed:");
        assert.ok(disabled instanceof DisabledTransportError);
        assert.equal(disabled.errorType, "DisabledTransportError");
        assert.equal(error.message, "Unable to connect to the server with any of the available transports. "
            + "Error: WebSockets failed: Error: WebSocket failed to connect. ServerSentEvents failed: Error: "
            + "'ServerSentEvents' is disabled by the client. LongPolling failed: Error: 'LongPolling' is disabled by the client.");
    });
});

describe("more of upstream's options", () => {
    test("a transport of the caller's own (ITransport) is used after negotiate, with the id in its URL", async (t) => {
        const transport = {
            onreceive: null,
            onclose: null,
            connect: async (url, format) => transport.calls.push(["connect", url, format]),
            send: async (data) => transport.calls.push(["send", data]),
            stop: async () => transport.onclose?.(),
            calls: [],
        };
        const connection = connect(t, { fetch: server(), transport });
        await connection.start();
        await connection.send("m");
        assert.deepEqual(transport.calls, [["connect", "http://h/hub?id=token-1", 1], ["send", "m"]]);
        assert.equal(connection.connectionId, "id-1");
    });

    test("trace logs show message contents only with logMessageContent", async (t) => {
        const run = async (logMessageContent) => {
            const logs = [];
            const WebSocket = openingWebSocket();
            const connection = new HttpConnection("http://h/hub", { fetch: server(), WebSocket, logMessageContent },
                { log: (level, message) => level === LogLevel.Trace && logs.push(message) });
            t.after(() => connection.stop());
            await connection.start();
            await connection.send("secret");
            WebSocket.instances[0].message(new Uint8Array([1, 255]).buffer);
            return logs;
        };
        assert.deepEqual(await run(false), ["(WebSockets transport) sending data. String data of length 6.",
            "(WebSockets transport) data received. Binary data of length 2."]);
        assert.deepEqual(await run(true), [
            "(WebSockets transport) sending data. String data of length 6. Content: 'secret'.",
            "(WebSockets transport) data received. Binary data of length 2. Content: '0x01 0xff'."]);
    });
});
