// http.js: the HttpClient family, the headers and timeout of every request, error statuses, and the send queue.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AbortError, HttpError, TimeoutError } from "../../src/errors.js";
import {
    DefaultHttpClient, ensureOk, HttpClient, HttpResponse, send, SendQueue, USER_AGENT, VERSION, withQuery,
} from "../../src/http.js";
import { NullLogger } from "../../src/logging.js";
import { deferred, fakeFetch, flush, pendingResponse, textResponse } from "./fakes.js";

describe("DefaultHttpClient through send()", () => {
    test("adds X-Requested-With, the user agent, the bearer token, the headers option; includes credentials", async () => {
        const fetch = fakeFetch(() => textResponse("ok"));
        const response = await send({ fetch, headers: { "X-Custom": "1" }, _accessToken: "tok" }, "POST", "http://h/hub",
            { content: "x" });
        assert.ok(response instanceof HttpResponse);
        assert.deepEqual([response.statusCode, response.content], [200, "ok"]);
        const [call] = fetch.calls;
        assert.equal(call.method, "POST");
        assert.equal(call.body, "x");
        assert.equal(call.credentials, "include");
        assert.deepEqual(call.headers, {
            "X-Requested-With": "XMLHttpRequest", "Content-Type": "text/plain;charset=UTF-8",
            [USER_AGENT[0]]: USER_AGENT[1], "X-Custom": "1", Authorization: "Bearer tok",
        });
    });

    test("the user agent has upstream's format with our name", () => {
        assert.equal(USER_AGENT[0], "User-Agent", "in Node, as upstream");
        assert.match(USER_AGENT[1], new RegExp(`^Switchboard/0\\.1 \\(${VERSION.replaceAll(".", "\\.")}; `
            + `(Linux|macOS|Windows NT|\\w+); NodeJS; ${process.versions.node.replaceAll(".", "\\.")}\\)$`));
    });

    test("bytes go as application/octet-stream and come back as an ArrayBuffer; withCredentials false", async () => {
        const fetch = fakeFetch(() => new Response(new Uint8Array([1, 2])));
        const response = await send({ fetch, withCredentials: false }, "POST", "http://h/hub",
            { content: new Uint8Array([3]).buffer, responseType: "arraybuffer" });
        assert.deepEqual([...new Uint8Array(response.content)], [1, 2]);
        assert.equal(fetch.calls[0].headers["Content-Type"], "application/octet-stream");
        assert.equal(fetch.calls[0].credentials, "same-origin");
    });

    test("an error status is an HttpError with the body as its reason", async () => {
        const client = new DefaultHttpClient(NullLogger.instance, fakeFetch(() => textResponse("gone", 404)));
        await assert.rejects(client.get("http://h/x"), (e) => e instanceof HttpError && e.statusCode === 404
            && e.message === "gone: Status code '404'");
    });

    test("a request past its timeout fails with TimeoutError; an aborted one with AbortError", async () => {
        const client = new DefaultHttpClient(NullLogger.instance, fakeFetch((call) => pendingResponse(call.signal)));
        await assert.rejects(client.post("http://h/x", { timeout: 10 }),
            (e) => e instanceof TimeoutError && e.message === "A timeout occurred.");
        const abort = new AbortController();
        const sent = client.get("http://h/x", { abortSignal: abort.signal });
        abort.abort();
        await assert.rejects(sent, (e) => e instanceof AbortError && e.message === "An abort occurred.");
    });

    test("a 401 from an HttpClient is tried once more with a new token, except negotiate", async () => {
        const seen = [];
        const httpClient = new (class extends HttpClient {
            send(request) {
                seen.push(`${request.url} ${request.headers.Authorization}`);
                return Promise.resolve(new HttpResponse(401, "Unauthorized", ""));
            }
        })();
        let tokens = 0;
        const options = { httpClient, _accessToken: "old", accessTokenFactory: () => `new-${++tokens}` };
        assert.equal((await send(options, "POST", "http://h/hub?id=1", { content: "x" })).statusCode, 401);
        await send(options, "POST", "http://h/hub/negotiate?negotiateVersion=1");
        assert.deepEqual(seen, ["http://h/hub?id=1 Bearer old", "http://h/hub?id=1 Bearer new-1",
            "http://h/hub/negotiate?negotiateVersion=1 Bearer new-1"]);
    });

    test("HttpClient's get, post and delete call send with the method and URL", async () => {
        const requests = [];
        const client = new (class extends HttpClient {
            send(request) {
                requests.push(request);
                return Promise.resolve(new HttpResponse(200));
            }
        })();
        await client.get("u1", { timeout: 1 });
        await client.post("u2");
        await client.delete("u3");
        assert.deepEqual(requests, [{ timeout: 1, method: "GET", url: "u1" }, { method: "POST", url: "u2" },
            { method: "DELETE", url: "u3" }]);
        assert.equal(client.getCookieString("u1"), "");
    });
});

describe("ensureOk", () => {
    test("passes a successful response through", async () => {
        const response = textResponse("ok");
        assert.equal(await ensureOk(response), response);
    });

    test("an error status is an HttpError with the server's reason and the status code", async () => {
        const error = await ensureOk(textResponse("No Connection with that ID\n", 404)).catch((e) => e);
        assert.ok(error instanceof HttpError);
        assert.equal(String(error), "Error: No Connection with that ID: Status code '404'", "printed as upstream's");
        assert.equal(error.statusCode, 404);
        assert.equal(error.message, "No Connection with that ID: Status code '404'");
    });

    test("without a body the status text is the reason", async () => {
        await assert.rejects(ensureOk(textResponse("", 503, "Service Unavailable")),
            { message: "Service Unavailable: Status code '503'" });
    });
});

test("withQuery adds a parameter with ? or &, encoded", () => {
    assert.equal(withQuery("http://h/hub", "id", "a b"), "http://h/hub?id=a%20b");
    assert.equal(withQuery("http://h/hub?room=1", "id", "x/y"), "http://h/hub?room=1&id=x%2Fy");
});

describe("SendQueue", () => {
    /** A queue whose posts wait until the test settles them. */
    function queue() {
        const posts = [];
        const sendQueue = new SendQueue((data) => {
            const post = deferred();
            posts.push({ data, ...post });
            return post.promise;
        });
        return { sendQueue, posts };
    }

    test("posts one at a time, in order, batching what arrives meanwhile", async () => {
        const { sendQueue, posts } = queue();
        const first = sendQueue.send("a");
        const second = sendQueue.send("b");
        const third = sendQueue.send("c");
        assert.deepEqual(posts.map((p) => p.data), ["a"], "one POST in flight");

        posts[0].resolve();
        await first;
        await flush();
        assert.deepEqual(posts.map((p) => p.data), ["a", "bc"]);
        const fourth = sendQueue.send("d");
        posts[1].resolve();
        await Promise.all([second, third]);
        await flush();
        assert.deepEqual(posts.map((p) => p.data), ["a", "bc", "d"]);
        posts[2].resolve();
        await fourth;
    });

    test("binary messages are batched into one buffer, in order (MessagePack over long polling)", async () => {
        const { sendQueue, posts } = queue();
        const first = sendQueue.send(new Uint8Array([1]).buffer);
        const rest = [sendQueue.send(new Uint8Array([2, 3]).buffer), sendQueue.send(new Uint8Array([4]).buffer)];
        posts[0].resolve();
        await first;
        await flush();
        assert.deepEqual(posts.map((p) => [...new Uint8Array(p.data)]), [[1], [2, 3, 4]]);
        posts[1].resolve();
        await Promise.all(rest);
    });

    test("a failed POST rejects the sends it carried, and the queue goes on", async () => {
        const { sendQueue, posts } = queue();
        const first = sendQueue.send("a");
        const second = sendQueue.send("b");
        posts[0].resolve();
        await first;
        await flush();
        const third = sendQueue.send("c");
        posts[1].reject(new Error("POST failed"));
        await assert.rejects(second, { message: "POST failed" });
        await flush();
        assert.equal(posts[2].data, "c");
        posts[2].resolve();
        await third;
    });

    test("an idle queue posts at once", async () => {
        const { sendQueue, posts } = queue();
        const first = sendQueue.send("a");
        posts[0].resolve();
        await first;
        await flush();
        sendQueue.send("b");
        assert.deepEqual(posts.map((p) => p.data), ["a", "b"]);
    });
});
