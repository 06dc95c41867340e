// http.js: requests with the connection's headers and token, error statuses, and the send queue.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HttpError } from "../../src/errors.js";
import { ensureOk, request, SendQueue, withQuery } from "../../src/http.js";
import { deferred, fakeFetch, flush, textResponse } from "./fakes.js";

describe("request", () => {
    test("adds the options' headers, the bearer token, and includes credentials", async () => {
        const fetch = fakeFetch(() => textResponse(""));
        await request({ fetch, headers: { "X-Custom": "1" }, _accessToken: "tok" }, "POST", "http://h/hub", { body: "x" });
        const [call] = fetch.calls;
        assert.equal(call.method, "POST");
        assert.equal(call.body, "x");
        assert.equal(call.credentials, "include");
        assert.deepEqual(call.headers, {
            "X-Custom": "1", Authorization: "Bearer tok", "Content-Type": "text/plain;charset=UTF-8",
        });
    });

    test("without a token or body sends neither; withCredentials false keeps cookies same-origin", async () => {
        const fetch = fakeFetch(() => textResponse(""));
        await request({ fetch, withCredentials: false }, "GET", "http://h/hub", { accept: "text/event-stream" });
        assert.deepEqual(fetch.calls[0].headers, { Accept: "text/event-stream" });
        assert.equal(fetch.calls[0].credentials, "same-origin");
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
        assert.equal(error.name, "HttpError");
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
