// transports.js: long polling, and its POSTs for sending.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HttpError } from "../../src/errors.js";
import { NullLogger } from "../../src/logging.js";
import { LongPollingTransport } from "../../src/transports.js";
import { deferred, fakeFetch, flush, Inbox, pendingResponse, textResponse } from "./fakes.js";

const HUB_URL = "http://h/hub?id=t1"; // the connect URL, token included

/**
 * A long-polling transport whose polls are answered, in turn, by `answers` (a Response or a function making
 * one); polls beyond those wait until aborted. `polled` is an Inbox of poll calls as they are made.
 */
function transportWith(answers, options = {}) {
    const polled = new Inbox();
    const fetch = fakeFetch((call) => {
        if (call.method === "GET") {
            polled.push(call);
            const answer = answers.shift();
            return answer === undefined ? pendingResponse(call.signal)
                : typeof answer === "function" ? answer() : answer;
        }
        return textResponse("", call.method === "DELETE" ? 202 : 200);
    });
    const transport = new LongPollingTransport({ fetch, ...options }, NullLogger.instance);
    const received = new Inbox();
    const closes = [];
    transport.onreceive = (data) => received.push(data);
    const closed = new Promise((resolve) => {
        transport.onclose = (error) => {
            closes.push(error);
            resolve(error);
        };
    });
    return { transport, fetch, polled, received, closed, closes };
}

describe("long polling transport", () => {
    test("the first poll connects, and the next poll follows", async () => {
        const { transport, polled } = transportWith([textResponse("")]);
        await transport.connect(HUB_URL);
        const first = await polled.next();
        assert.equal(first.method, "GET");
        assert.match(first.url, /^http:\/\/h\/hub\?id=t1&_=\d+$/);
        assert.match((await polled.next()).url, /^http:\/\/h\/hub\?id=t1&_=\d+$/);
        await transport.stop();
    });

    test("has inherent keep-alive", () => {
        assert.equal(new LongPollingTransport({}, NullLogger.instance).inherentKeepAlive, true);
    });

    test("a 200 with a body is delivered, and an empty 200 just polls again", async () => {
        const { transport, polled, received } = transportWith([
            textResponse(""), textResponse('{"type":6}\x1e'), textResponse(""), textResponse('{"type":7}\x1e'),
        ]);
        await transport.connect(HUB_URL);
        assert.equal(await received.next(), '{"type":6}\x1e');
        assert.equal(await received.next(), '{"type":7}\x1e');
        assert.deepEqual(received.items, []);
        for (let i = 0; i < 5; i++) {
            await polled.next();
        }
        await transport.stop();
    });

    test("a 204 ends the transport without an error", async () => {
        const { transport, closed, closes, fetch } = transportWith([textResponse(""), textResponse(null, 204)]);
        await transport.connect(HUB_URL);
        assert.equal(await closed, undefined);
        assert.deepEqual(closes, [undefined]);
        assert.equal(fetch.calls.length, 2, "no more polls");
    });

    test("an error status ends the transport with an HttpError", async () => {
        const { transport, closed } = transportWith([textResponse(""), textResponse("No Connection with that ID", 404)]);
        await transport.connect(HUB_URL);
        const error = await closed;
        assert.ok(error instanceof HttpError);
        assert.equal(error.statusCode, 404);
        assert.equal(error.message, "No Connection with that ID: Status code '404'");
    });

    test("a failed poll request ends the transport with its error", async () => {
        const { transport, closed } = transportWith([textResponse(""), () => Promise.reject(new TypeError("fetch failed"))]);
        await transport.connect(HUB_URL);
        assert.equal((await closed).message, "fetch failed");
    });

    test("a first poll with an error status or a 204 fails connect", async () => {
        const failing = transportWith([textResponse("", 500, "Internal Server Error")]);
        await assert.rejects(failing.transport.connect(HUB_URL), (e) => e instanceof HttpError && e.statusCode === 500);
        const over = transportWith([textResponse(null, 204)]);
        await assert.rejects(over.transport.connect(HUB_URL), { message: "The server closed the connection." });
    });

    test("stop aborts the poll, sends DELETE, and ends once without an error", async () => {
        const { transport, fetch, polled, closes } = transportWith([textResponse("")], { _accessToken: "tok" });
        await transport.connect(HUB_URL);
        await polled.next();
        const pendingPoll = await polled.next();
        await transport.stop();
        assert.equal(pendingPoll.signal.aborted, true);
        const deletes = fetch.calls.filter((c) => c.method === "DELETE");
        assert.equal(deletes.length, 1);
        assert.equal(deletes[0].url, HUB_URL);
        assert.equal(deletes[0].headers.Authorization, "Bearer tok");
        assert.deepEqual(closes, [undefined]);
    });

    test("a poll whose body is read as stop is called is not delivered", async () => {
        const body = deferred();
        const late = { ok: true, status: 200, headers: new Headers(), text: () => body.promise };
        const { transport, polled, received, closes } = transportWith([textResponse(""), late]);
        await transport.connect(HUB_URL);
        await polled.next();
        await polled.next();
        const stopped = transport.stop();
        body.resolve('{"type":6}\x1e');
        await stopped;
        await flush();
        assert.deepEqual(received.items, []);
        assert.deepEqual(closes, [undefined]);
    });

    test("a DELETE that fails still ends the transport", async () => {
        let polls = 0;
        const fetch = fakeFetch((call) => {
            if (call.method === "DELETE") {
                return Promise.reject(new TypeError("fetch failed"));
            }
            return polls++ === 0 ? textResponse("") : pendingResponse(call.signal);
        });
        const transport = new LongPollingTransport({ fetch }, NullLogger.instance);
        const closes = [];
        transport.onclose = (error) => closes.push(error);
        await transport.connect(HUB_URL);
        await transport.stop();
        assert.deepEqual(closes, [undefined]);
    });

    test("polls carry the Authorization header", async () => {
        const { transport, polled } = transportWith([textResponse("")], { _accessToken: "tok" });
        await transport.connect(HUB_URL);
        assert.equal((await polled.next()).headers.Authorization, "Bearer tok");
        await transport.stop();
    });

    test("sends are POSTed one at a time, in order, batched", async () => {
        const posts = [];
        const gates = [deferred(), deferred()];
        const fetch = fakeFetch((call) => {
            if (call.method === "POST") {
                posts.push(call.body);
                return gates[posts.length - 1].promise.then(() => textResponse(""));
            }
            if (call.method === "DELETE") {
                return textResponse("", 202);
            }
            return fetch.calls.filter((c) => c.method === "GET").length === 1 ? textResponse("") : pendingResponse(call.signal);
        });
        const transport = new LongPollingTransport({ fetch }, NullLogger.instance);
        await transport.connect(HUB_URL);
        const sends = [transport.send("a\x1e"), transport.send("b\x1e"), transport.send("c\x1e")];
        assert.deepEqual(posts, ["a\x1e"]);
        gates[0].resolve();
        await sends[0];
        gates[1].resolve();
        await Promise.all(sends);
        assert.deepEqual(posts, ["a\x1e", "b\x1ec\x1e"]);
        await transport.stop();
    });
});
