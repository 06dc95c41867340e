// transports.js: Server-Sent Events read from a streamed fetch, and POSTs for sending.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HttpError, NOT_CONNECTED } from "../../src/errors.js";
import { NullLogger } from "../../src/logging.js";
import { ServerSentEventsTransport } from "../../src/transports.js";
import { eventStream, fakeFetch, flush, Inbox, textResponse } from "./fakes.js";

const HUB_URL = "http://h/hub?id=t1"; // the connect URL, token included

/** A connected transport over a fake event stream; `received` is an Inbox of deliveries, `closed` its end. */
async function connected(options = {}) {
    const stream = eventStream();
    const fetch = fakeFetch((call) => {
        if (call.method !== "GET") {
            return textResponse("");
        }
        stream.abortWith(call.signal);
        return stream.response;
    });
    const transport = new ServerSentEventsTransport({ fetch, ...options }, NullLogger.instance);
    const received = new Inbox();
    const closes = [];
    transport.onreceive = (data) => received.push(data);
    const closed = new Promise((resolve) => {
        transport.onclose = (error) => {
            closes.push(error);
            resolve(error);
        };
    });
    await transport.connect(HUB_URL);
    return { transport, stream, fetch, received, closed, closes };
}

describe("Server-Sent Events transport", () => {
    test("GETs the URL with Accept: text/event-stream", async () => {
        const { fetch } = await connected();
        const [call] = fetch.calls;
        assert.equal(call.method, "GET");
        assert.equal(call.url, HUB_URL);
        assert.equal(call.headers.Accept, "text/event-stream");
        assert.ok(call.signal instanceof AbortSignal);
    });

    test("sends the access token in the query and in the Authorization header", async () => {
        const { fetch } = await connected({ _accessToken: "secret" });
        assert.equal(fetch.calls[0].url, `${HUB_URL}&access_token=secret`);
        assert.equal(fetch.calls[0].headers.Authorization, "Bearer secret");
    });

    test("delivers each event's data", async () => {
        const { stream, received } = await connected();
        stream.push("data: {}\x1e\n\ndata:{\"type\":6}\x1e\n\n");
        assert.equal(await received.next(), "{}\x1e");
        assert.equal(await received.next(), '{"type":6}\x1e');
    });

    test("an event split across chunks arrives whole", async () => {
        const { stream, received } = await connected();
        stream.push("da");
        stream.push('ta: {"type":1,"tar');
        stream.push('get":"x","arguments":[]}\x1e');
        stream.push("\n");
        stream.push("\n");
        assert.equal(await received.next(), '{"type":1,"target":"x","arguments":[]}\x1e');
    });

    test("multi-line data is joined with \\n", async () => {
        const { stream, received } = await connected();
        stream.push("data: line one\ndata: line two\ndata:three\n\n");
        assert.equal(await received.next(), "line one\nline two\nthree");
    });

    test("CRLF line ends, even split between chunks", async () => {
        const { stream, received } = await connected();
        stream.push("data: a\r\n\r\ndata: b\r");
        stream.push("\n\r\n");
        assert.equal(await received.next(), "a");
        assert.equal(await received.next(), "b");
    });

    test("comment lines and other fields are ignored", async () => {
        const { stream, received } = await connected();
        stream.push(":\r\n\r\n: keep-alive\n\nevent: message\nid: 7\ndata: x\n: note\n\n");
        assert.equal(await received.next(), "x");
        assert.deepEqual(received.items, []);
    });

    test("the server ending the stream ends the transport with an error", async () => {
        const { stream, closed } = await connected();
        stream.end();
        assert.equal((await closed).message, "The server ended the event stream.");
    });

    test("stop aborts the request and ends without an error; no DELETE", async () => {
        const { transport, fetch, closed, closes } = await connected();
        await transport.stop();
        assert.equal(await closed, undefined);
        assert.equal(fetch.calls[0].signal.aborted, true);
        await flush();
        assert.deepEqual(closes, [undefined], "the aborted read does not end it again");
        assert.deepEqual(fetch.calls.map((c) => c.method), ["GET"]);
    });

    test("nothing is delivered after stop, not even the rest of the chunk being read", async () => {
        const { transport, stream, received, closes } = await connected();
        transport.onreceive = (data) => {
            received.push(data);
            transport.stop();
        };
        stream.push("data: first\n\ndata: second\n\n");
        assert.equal(await received.next(), "first");
        await flush();
        assert.deepEqual(received.items, [], "as the WebSocket transport, which lets go of the socket's messages");
        assert.deepEqual(closes, [undefined]);
    });

    test("sends with POSTs to the URL without the token in the query", async () => {
        const { transport, fetch } = await connected({ _accessToken: "secret" });
        await transport.send('{"type":6}\x1e');
        const post = fetch.calls[1];
        assert.equal(post.method, "POST");
        assert.equal(post.url, HUB_URL);
        assert.equal(post.body, '{"type":6}\x1e');
        assert.equal(post.headers.Authorization, "Bearer secret");
        assert.equal(post.headers["Content-Type"], "text/plain;charset=UTF-8");
    });

    test("a POST answered with an error status rejects the send", async () => {
        const stream = eventStream();
        const fetch = fakeFetch((call) => (call.method === "GET" ? stream.response : textResponse("gone", 404)));
        const transport = new ServerSentEventsTransport({ fetch }, NullLogger.instance);
        await transport.connect(HUB_URL);
        await assert.rejects(transport.send("x"), (e) => e instanceof HttpError && e.message === "gone: Status code '404'");
        await transport.stop();
    });

    test("send after the end rejects", async () => {
        const { transport } = await connected();
        await transport.stop();
        await assert.rejects(transport.send("x"), { message: NOT_CONNECTED });
    });

    test("an error status fails connect with an HttpError", async () => {
        const fetch = fakeFetch(() => textResponse("No Connection with that ID", 404));
        const transport = new ServerSentEventsTransport({ fetch }, NullLogger.instance);
        const error = await transport.connect(HUB_URL).catch((e) => e);
        assert.ok(error instanceof HttpError);
        assert.equal(error.statusCode, 404);
    });

    test("a response that is not an event stream fails connect", async () => {
        const fetch = fakeFetch(() => textResponse("<html>", 200));
        const transport = new ServerSentEventsTransport({ fetch }, NullLogger.instance);
        await assert.rejects(transport.connect(HUB_URL), { message: "The server did not send an event stream." });
    });
});
