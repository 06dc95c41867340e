// http-connection.js: negotiate, redirects, tokens, choosing and falling back between transports, stopping.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AbortError, NOT_CONNECTED } from "../../src/errors.js";
import { HttpConnection } from "../../src/http-connection.js";
import { NullLogger } from "../../src/logging.js";
import { HttpTransportType } from "../../src/transports.js";
import {
    deferred, eventStream, failingWebSocket, fakeHubServer as server, fakeWebSocketClass, flush, jsonResponse,
    negotiation, openingWebSocket, pendingResponse, textResponse,
} from "./fakes.js";

/** An HttpConnection with the given options, stopped when the test ends. */
function connect(t, url, options) {
    const connection = new HttpConnection(url, options, NullLogger.instance);
    t.after(() => connection.stop());
    return connection;
}

describe("negotiate", () => {
    test("is a POST to {url}/negotiate?negotiateVersion=1 keeping the URL's query; the transport URL has id=token", async (t) => {
        const fetch = server();
        const WebSocket = openingWebSocket();
        const connection = connect(t, "http://h/hub?room=1", { fetch, WebSocket });
        await connection.start();

        assert.equal(fetch.calls[0].method, "POST");
        assert.equal(fetch.calls[0].url, "http://h/hub/negotiate?room=1&negotiateVersion=1");
        assert.equal(fetch.calls[0].body, undefined);
        assert.equal(WebSocket.instances[0].url, "ws://h/hub?room=1&id=token-1");
        assert.equal(connection.connectionId, "id-1");
        assert.equal(connection._transportName, "WebSockets");
    });

    test("a trailing slash and a negotiateVersion the user set are kept", async (t) => {
        const fetch = server();
        await connect(t, "http://h/hub/", { fetch, WebSocket: openingWebSocket() }).start();
        assert.equal(fetch.calls[0].url, "http://h/hub/negotiate?negotiateVersion=1");
        const other = server();
        await connect(t, "http://h/hub?negotiateVersion=1", { fetch: other, WebSocket: openingWebSocket() }).start();
        assert.equal(other.calls[0].url, "http://h/hub/negotiate?negotiateVersion=1");
    });

    test("under version 0 the connection id goes in id=", async (t) => {
        const WebSocket = openingWebSocket();
        const connection = connect(t, "http://h/hub", { fetch: server({ negotiations: [negotiation({ version: 0, id: "abc" })] }), WebSocket });
        await connection.start();
        assert.equal(WebSocket.instances[0].url, "ws://h/hub?id=abc");
        assert.equal(connection.connectionId, "abc");
    });

    test("the headers option goes on negotiate", async (t) => {
        const fetch = server();
        await connect(t, "http://h/hub", { fetch, WebSocket: openingWebSocket(), headers: { "X-Tenant": "blue" } }).start();
        assert.equal(fetch.calls[0].headers["X-Tenant"], "blue");
        assert.equal(fetch.calls[0].credentials, "include");
    });

    test("an {error} answer rejects start with that message", async (t) => {
        const fetch = server({ negotiations: [{ error: "This connection is not allowed." }] });
        await assert.rejects(connect(t, "http://h/hub", { fetch }).start(), { message: "This connection is not allowed." });
    });

    test("an HTTP error status fails negotiation with the status code", async (t) => {
        const fetch = server({ negotiations: [() => textResponse("", 503, "Service Unavailable")] });
        const error = await connect(t, "http://h/hub", { fetch }).start().catch((e) => e);
        assert.match(error.message, /^Failed to complete negotiation with the server: /);
        assert.ok(error.message.includes("Status code '503'"), error.message);
    });

    test("a request that fails fails negotiation", async (t) => {
        const fetch = server({ negotiations: [() => Promise.reject(new TypeError("fetch failed"))] });
        await assert.rejects(connect(t, "http://h/hub", { fetch }).start(),
            { message: "Failed to complete negotiation with the server: TypeError: fetch failed" });
    });

    test("redirects are followed, with the access token they give", async (t) => {
        const fetch = server({
            negotiations: [
                { url: "http://service/client/?hub=chat", accessToken: "service-token" },
                negotiation({ token: "service-connection" }),
            ],
        });
        const WebSocket = openingWebSocket();
        await connect(t, "http://app/hub", { fetch, WebSocket }).start();
        const [first, second] = fetch.negotiates();
        assert.equal(first.url, "http://app/hub/negotiate?negotiateVersion=1");
        assert.equal(first.headers.Authorization, undefined);
        assert.equal(second.url, "http://service/client/negotiate?hub=chat&negotiateVersion=1");
        assert.equal(second.headers.Authorization, "Bearer service-token");
        // In Node the token goes in the upgrade's Authorization header, as with @microsoft/signalr.
        assert.equal(WebSocket.instances[0].url, "ws://service/client/?hub=chat&id=service-connection");
        assert.equal(WebSocket.instances[0].init.headers.Authorization, "Bearer service-token");
    });

    test("more than 100 redirects fail", async (t) => {
        const fetch = server({ negotiations: [{ url: "http://h/again" }] });
        await assert.rejects(connect(t, "http://h/hub", { fetch }).start(), { message: "Negotiate redirection limit exceeded." });
        assert.equal(fetch.negotiates().length, 100);
    });

    test("after a restart, negotiate goes to the original URL with the user's own token again",
        {},
        async (t) => {
            const fetch = server({
                negotiations: [
                    { url: "http://service/client", accessToken: "service-token" }, negotiation(),
                    { url: "http://service/client", accessToken: "service-token-2" }, negotiation(),
                ],
            });
            const connection = connect(t, "http://app/hub", { fetch, WebSocket: openingWebSocket(), accessTokenFactory: () => "user-token" });
            await connection.start();
            await connection.stop();
            await connection.start();
            const third = fetch.negotiates()[2];
            assert.equal(third.url, "http://app/hub/negotiate?negotiateVersion=1");
            assert.equal(third.headers.Authorization, "Bearer user-token");
        });
});

describe("access tokens", () => {
    test("accessTokenFactory gives Authorization: Bearer on HTTP and, in Node, on the WebSocket upgrade", async (t) => {
        const fetch = server();
        const WebSocket = openingWebSocket();
        let calls = 0;
        const accessTokenFactory = async () => `tok ${++calls}`;
        await connect(t, "http://h/hub", { fetch, WebSocket, accessTokenFactory }).start();
        assert.equal(fetch.calls[0].headers.Authorization, "Bearer tok 1");
        assert.equal(WebSocket.instances[0].url, "ws://h/hub?id=token-1");
        assert.equal(WebSocket.instances[0].init.headers.Authorization, "Bearer tok 2");
    });

    test("long polling sends the bearer token on polls and POSTs", async (t) => {
        const fetch = server({ negotiations: [negotiation({ transports: ["LongPolling"] })] });
        const connection = connect(t, "http://h/hub", { fetch, accessTokenFactory: () => "tok" });
        await connection.start();
        await connection.send("x\x1e");
        assert.deepEqual(fetch.calls.map((c) => [c.method, c.headers.Authorization]),
            [["POST", "Bearer tok"], ["GET", "Bearer tok"], ["GET", "Bearer tok"], ["POST", "Bearer tok"]]);
        assert.equal(fetch.calls[3].url, "http://h/hub?id=token-1");
        assert.equal(fetch.calls[3].body, "x\x1e");
    });
});

describe("choosing a transport", () => {
    test("transports are tried in the server's order", async (t) => {
        const fetch = server({ negotiations: [negotiation({ transports: ["LongPolling", "WebSockets"] })] });
        const WebSocket = openingWebSocket();
        const connection = connect(t, "http://h/hub", { fetch, WebSocket });
        await connection.start();
        assert.equal(connection._transportName, "LongPolling");
        assert.equal(WebSocket.instances.length, 0);
        assert.match(fetch.calls[1].url, /^http:\/\/h\/hub\?id=token-1&_=\d+$/);
    });

    test("a transport disabled by the client's flags is skipped", async (t) => {
        const fetch = server();
        const WebSocket = openingWebSocket();
        const connection = connect(t, "http://h/hub",
            { fetch, WebSocket, transport: HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling });
        await connection.start();
        assert.equal(connection._transportName, "ServerSentEvents");
        assert.equal(WebSocket.instances.length, 0);
        const sse = fetch.calls[1];
        assert.equal(sse.url, "http://h/hub?id=token-1");
        assert.equal(sse.headers.Accept, "text/event-stream");
    });

    test("a transport without the Text format is skipped", async (t) => {
        const answer = negotiation();
        answer.availableTransports[0].transferFormats = ["Binary"];
        const WebSocket = openingWebSocket();
        const connection = connect(t, "http://h/hub", { fetch: server({ negotiations: [answer] }), WebSocket });
        await connection.start();
        assert.equal(connection._transportName, "ServerSentEvents");
    });

    test("when WebSockets fails to open, the client negotiates again and falls back", async (t) => {
        const fetch = server({ negotiations: [negotiation(), negotiation({ id: "id-2", token: "token-2" })] });
        const WebSocket = failingWebSocket();
        const connection = connect(t, "http://h/hub", { fetch, WebSocket });
        await connection.start();
        assert.equal(WebSocket.instances[0].url, "ws://h/hub?id=token-1");
        assert.equal(fetch.negotiates().length, 2);
        assert.equal(connection._transportName, "ServerSentEvents");
        assert.equal(fetch.calls.at(-1).url, "http://h/hub?id=token-2");
        assert.equal(connection.connectionId, "id-2");
    });

    test("when all fail, the error lists each failure", async (t) => {
        const fetch = server({
            sse: () => textResponse("No Connection with that ID", 404),
            firstPoll: () => textResponse("", 500, "Internal Server Error"),
        });
        const connection = connect(t, "http://h/hub", { fetch, WebSocket: failingWebSocket() });
        const { message } = await connection.start().catch((e) => e);
        assert.ok(message.startsWith("Unable to connect to the server with any of the available transports."), message);
        assert.ok(message.includes("WebSockets failed: Error: WebSocket failed to connect."), message);
        assert.ok(message.includes("ServerSentEvents failed: Error: No Connection with that ID: Status code '404'"), message);
        assert.ok(message.includes("LongPolling failed: Error: Internal Server Error: Status code '500'"), message);
        assert.equal(fetch.negotiates().length, 3);
        assert.equal(connection._transport, undefined);
    });

    test("a transport disabled by the client is named in the error", async (t) => {
        const fetch = server({ negotiations: [negotiation({ transports: ["WebSockets"] })] });
        const connection = connect(t, "http://h/hub", { fetch, transport: HttpTransportType.LongPolling });
        await assert.rejects(connection.start(), {
            message: "Unable to connect to the server with any of the available transports. WebSockets failed: Error: 'WebSockets' is disabled by the client.",
        });
    });

    test("skipNegotiation needs the WebSockets transport alone", async (t) => {
        const fetch = server();
        await assert.rejects(connect(t, "http://h/hub", { fetch, skipNegotiation: true }).start(),
            { message: "Negotiation can only be skipped when using the WebSocket transport directly." });
        await assert.rejects(connect(t, "http://h/hub", { fetch, skipNegotiation: true, transport: HttpTransportType.LongPolling })
            .start(), { message: "Negotiation can only be skipped when using the WebSocket transport directly." });
        assert.equal(fetch.calls.length, 0);
    });

    test("skipNegotiation with WebSockets connects straight to the hub URL", async (t) => {
        const fetch = server();
        const WebSocket = openingWebSocket();
        const connection = connect(t, "https://h/hub",
            { fetch, WebSocket, skipNegotiation: true, transport: HttpTransportType.WebSockets });
        await connection.start();
        assert.equal(fetch.calls.length, 0);
        assert.equal(WebSocket.instances[0].url, "wss://h/hub");
        assert.equal(connection._transportName, "WebSockets");
    });
});

describe("sending, ending and stopping", () => {
    test("send goes through the transport; without one it rejects", async (t) => {
        const WebSocket = openingWebSocket();
        const connection = connect(t, "http://h/hub", { fetch: server(), WebSocket });
        await assert.rejects(connection.send("x"), { message: NOT_CONNECTED });
        await connection.start();
        await connection.send("y");
        assert.deepEqual(WebSocket.instances[0].sent, ["y"]);
    });

    test("the transport ending calls onclose with its error, once", async (t) => {
        const WebSocket = openingWebSocket();
        const connection = connect(t, "http://h/hub", { fetch: server(), WebSocket });
        const closes = [];
        connection.onclose = (error) => closes.push(error);
        await connection.start();
        WebSocket.instances[0].serverClose(1011, "Server error");
        await connection.stop();
        assert.equal(closes.length, 1);
        assert.equal(closes[0].message, "WebSocket closed with status code: 1011 (Server error).");
        assert.equal(connection._transportName, null);
    });

    test("stop(error) closes with that error", async (t) => {
        const WebSocket = openingWebSocket();
        const connection = connect(t, "http://h/hub", { fetch: server(), WebSocket });
        const closes = [];
        connection.onclose = (error) => closes.push(error);
        await connection.start();
        const error = new Error("Server timeout elapsed without receiving a message from the server.");
        await connection.stop(error);
        assert.deepEqual(closes, [error]);
        assert.equal(WebSocket.instances[0].closeCalls, 1);
    });

    test("a start that fails never calls onclose", async (t) => {
        const connection = connect(t, "http://h/hub", { fetch: server({ negotiations: [{ error: "no" }] }) });
        let closed = false;
        connection.onclose = () => { closed = true; };
        await assert.rejects(connection.start());
        assert.equal(closed, false);
    });

    test("stop() during negotiate rejects start with an AbortError", async (t) => {
        const answer = deferred();
        const fetch = server({ negotiations: [() => answer.promise] });
        const WebSocket = openingWebSocket();
        const connection = connect(t, "http://h/hub", { fetch, WebSocket });
        const start = connection.start();
        await flush();
        await connection.stop();
        answer.resolve(jsonResponse(negotiation()));
        const error = await start.catch((e) => e);
        assert.ok(error instanceof AbortError, String(error));
        assert.equal(WebSocket.instances.length, 0);
    });

    test("stop() while the WebSocket opens rejects start with an AbortError and closes the socket", async (t) => {
        const WebSocket = fakeWebSocketClass();
        const connection = connect(t, "http://h/hub", { fetch: server(), WebSocket });
        const start = connection.start();
        while (!WebSocket.instances.length) {
            await flush();
        }
        await connection.stop();
        WebSocket.instances[0].open();
        await assert.rejects(start, AbortError);
        assert.equal(WebSocket.instances[0].closeCalls, 1);
        assert.equal(connection._transport, undefined);
    });

    test("stop() while an HTTP transport connects rejects start with an AbortError, without negotiating again",
        {},
        async (t) => {
            /** Starts over a server listing `transports` whose SSE GETs and long polls never answer, and stops. */
            async function stopWhileConnecting(transports) {
                const fetch = server({
                    negotiations: [negotiation({ transports })],
                    sse: (call) => pendingResponse(call.signal),
                    firstPoll: (call) => pendingResponse(call.signal),
                });
                const connection = connect(t, "http://h/hub", { fetch });
                const start = connection.start();
                while (fetch.calls.length < 2) {
                    await flush();
                }
                await connection.stop();
                return { error: await start.catch((e) => e), negotiates: fetch.negotiates().length };
            }
            const last = await stopWhileConnecting(["LongPolling"]);
            assert.ok(last.error instanceof AbortError, String(last.error));
            const first = await stopWhileConnecting(["ServerSentEvents", "LongPolling"]);
            assert.equal(first.negotiates, 1, "no negotiate after stop");
        });

    test("a stopped connection starts again with a fresh negotiate", async (t) => {
        const fetch = server({ negotiations: [negotiation(), negotiation({ id: "id-2", token: "token-2" })] });
        const WebSocket = openingWebSocket();
        const connection = connect(t, "http://h/hub", { fetch, WebSocket });
        await connection.start();
        await connection.stop();
        await connection.start();
        assert.equal(connection.connectionId, "id-2");
        assert.equal(WebSocket.instances[1].url, "ws://h/hub?id=token-2");
    });
});
