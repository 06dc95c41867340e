// Test doubles shared by the unit tests: no network, no real sockets, no real timers unless a test asks.
import assert from "node:assert/strict";
import { HubConnection } from "../../src/hub-connection.js";
import { NullLogger } from "../../src/logging.js";
import { RECORD_SEPARATOR } from "../../src/protocol.js";

/** The JSON handshake, version 1 as sent when the server has not agreed to stateful reconnect. */
export const HANDSHAKE_REQUEST = `{"protocol":"json","version":1}${RECORD_SEPARATOR}`;

/** Lets every pending promise callback run (setImmediate is never mocked by the tests). */
export const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A promise with its resolve and reject. */
export function deferred() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return { promise, resolve, reject };
}

/** A queue that tests await: next() resolves with the oldest item, waiting for one if there is none. */
export class Inbox {
    constructor() {
        this.items = [];
        this._waiters = [];
    }

    push(item) {
        const waiter = this._waiters.shift();
        if (waiter) {
            waiter(item);
        } else {
            this.items.push(item);
        }
    }

    next() {
        return this.items.length
            ? Promise.resolve(this.items.shift())
            : new Promise((resolve) => this._waiters.push(resolve));
    }
}

/** The records in a piece of wire text, parsed. */
export const records = (text) => text.split(RECORD_SEPARATOR).filter(Boolean).map((record) => JSON.parse(record));

/** Wire text for messages given as objects or as ready text. */
export const wire = (...messages) => messages.map((m) => (typeof m === "string" ? m : JSON.stringify(m) + RECORD_SEPARATOR))
    .join("");

/**
 * A transport-level connection as HttpConnection is to HubConnection: start/send/stop, onreceive/onclose,
 * connectionId, _transport, _transportName, _baseUrl. The test plays the server: `receive(...)` delivers,
 * `drop(error)` loses the connection, and `outbox` holds every record the client sent, parsed.
 */
export class FakeConnection {
    constructor({ autoHandshake = false } = {}) {
        this.autoHandshake = autoHandshake;
        this.connectionId = undefined;
        this._transport = undefined;
        this._transportName = null;
        this._baseUrl = "http://localhost/hub";
        this.onreceive = null;
        this.onclose = null;
        this.inherentKeepAlive = false;
        this.sent = [];
        this.outbox = new Inbox();
        this.startCount = 0;
        this.stopCalls = [];
        /** What successive start() calls do: an Error to throw, a promise to wait for, or nothing to succeed. */
        this.startPlan = [];
        this.started = false;
    }

    async start() {
        this.startCount++;
        const step = this.startPlan.shift();
        if (step instanceof Error) {
            throw step;
        }
        await step;
        this.started = true;
        this.connectionId = `conn-${this.startCount}`;
        this._transport = { inherentKeepAlive: this.inherentKeepAlive };
        this._transportName = "WebSockets";
    }

    send(data) {
        if (!this.started) {
            return Promise.reject(new Error("FakeConnection is not started."));
        }
        this.sent.push(data);
        // The outbox parses JSON; binary (MessagePack) messages are left in `sent` for the test to read.
        if (typeof data === "string") {
            records(data).forEach((record) => this.outbox.push(record));
        }
        if (this.autoHandshake && data === HANDSHAKE_REQUEST) {
            queueMicrotask(() => this.receive("{}\x1e"));
        }
        return Promise.resolve();
    }

    /** As HttpConnection: onclose fires once for a started connection, with the error given to stop. */
    async stop(error) {
        this.stopCalls.push(error);
        await Promise.resolve(); // as a transport that takes a moment to close
        this._end(error);
    }

    // --- the server's side ---

    receive(...messages) {
        this.onreceive(wire(...messages));
    }

    /** The transport ends by itself, as when the network goes away. */
    drop(error) {
        this._end(error);
    }

    /** The next record the client sends, skipping Pings unless asked for. */
    async nextSent({ pings = false } = {}) {
        for (;;) {
            const record = await this.outbox.next();
            if (pings || record.type !== 6) {
                return record;
            }
        }
    }

    _end(error) {
        if (this.started) {
            this.started = false;
            this._transport = undefined;
            this._transportName = null;
            this.onclose?.(error);
        }
    }
}

/**
 * A HubConnection over a FakeConnection that answers the handshake by itself, started, with the handshake
 * and the Ping after it already taken from the outbox. It is stopped when the test ends.
 */
export async function startedHub(t, { policy, configure = () => {} } = {}) {
    const connection = new FakeConnection({ autoHandshake: true });
    const hub = new HubConnection(connection, NullLogger.instance, policy);
    configure(hub, connection);
    t.after(() => hub.stop());
    await hub.start();
    assert.deepEqual(await connection.outbox.next(), { protocol: "json", version: 1 });
    // As the official client does, a Ping follows the handshake; tests start counting after it.
    if (!connection.inherentKeepAlive) {
        assert.deepEqual(await connection.outbox.next(), { type: 6 });
        connection.sent.splice(connection.sent.indexOf('{"type":6}\x1e'), 1);
    }
    return { hub, connection };
}

// --- fetch ---

/**
 * A fetch that records each call ({url, method, headers, body, signal, credentials}) in `fetch.calls` and
 * answers with `route(call)`: a Response or a promise of one.
 */
export function fakeFetch(route) {
    const calls = [];
    const fetch = async (url, init = {}) => {
        const call = {
            url: String(url), method: init.method ?? "GET", headers: init.headers ?? {}, body: init.body,
            signal: init.signal, credentials: init.credentials,
        };
        calls.push(call);
        return route(call);
    };
    fetch.calls = calls;
    return fetch;
}

/** A JSON response; `headers` may add more, as [name, value] pairs (Set-Cookie can repeat). */
export const jsonResponse = (body, status = 200, headers = []) => new Response(JSON.stringify(body), {
    status, headers: [["content-type", "application/json"], ...headers],
});

export const textResponse = (body, status = 200, statusText = "") => new Response(body, { status, statusText });

/** A response that never comes, except as an AbortError when the request's signal aborts. */
export function pendingResponse(signal) {
    return new Promise((resolve, reject) => {
        signal?.addEventListener("abort", () => reject(new DOMException("The operation was aborted.", "AbortError")));
    });
}

/** A negotiate answer (version 1 unless told) listing the given transports. */
export function negotiation({
    id = "id-1", token = "token-1", version = 1, transports = ["WebSockets", "ServerSentEvents", "LongPolling"],
} = {}) {
    return {
        negotiateVersion: version,
        connectionId: id,
        ...(version > 0 ? { connectionToken: token } : {}),
        availableTransports: transports.map((transport) => ({
            transport, transferFormats: transport === "ServerSentEvents" ? ["Text"] : ["Text", "Binary"],
        })),
    };
}

/**
 * A fake hub server as a fetch. Negotiate is answered by `negotiations` in turn (the last one repeats): an
 * object as JSON, or a function of the call returning a Response. SSE GETs get `sse(call)`; long polls get
 * 200 at once on the first poll of each id and wait after that; POSTs 200 and DELETEs 202.
 */
export function fakeHubServer({ negotiations = [negotiation()], sse = () => eventStream().response, firstPoll = () => textResponse("") } = {}) {
    let negotiated = 0;
    const polledIds = new Set();
    const fetch = fakeFetch((call) => {
        if (call.url.includes("/negotiate")) {
            const answer = negotiations[Math.min(negotiated++, negotiations.length - 1)];
            return typeof answer === "function" ? answer(call) : jsonResponse(answer);
        }
        if (call.method === "GET" && call.headers.Accept === "text/event-stream") {
            return sse(call);
        }
        if (call.method === "GET") {
            const id = new URL(call.url).searchParams.get("id");
            return polledIds.has(id) ? pendingResponse(call.signal) : (polledIds.add(id), firstPoll(call));
        }
        return textResponse("", call.method === "DELETE" ? 202 : 200);
    });
    fetch.negotiates = () => fetch.calls.filter((c) => c.url.includes("/negotiate"));
    return fetch;
}

/** An open text/event-stream response; the test writes to it with push(text) and ends it with end(). */
export function eventStream(contentType = "text/event-stream") {
    const encoder = new TextEncoder();
    let controller;
    const body = new ReadableStream({ start: (c) => { controller = c; } });
    return {
        response: new Response(body, { status: 200, headers: { "content-type": contentType } }),
        push: (text) => controller.enqueue(encoder.encode(text)),
        end: () => controller.close(),
        /** Fails the body as fetch does when the request is aborted. */
        abortWith: (signal) => signal?.addEventListener("abort",
            () => controller.error(new DOMException("The operation was aborted.", "AbortError"))),
    };
}

// --- WebSocket ---

/**
 * A WebSocket class to pass as the `WebSocket` option. Instances land in `instances`, each with the `url` and
 * the `init` ({headers}, given in Node only) it was made with; `onCreate(socket)`
 * can open or fail each one. The server's side: open(), fail(), message(data), serverClose(code, reason).
 */
export function fakeWebSocketClass(onCreate = () => {}) {
    return class FakeWebSocket {
        static instances = [];

        constructor(url, init) {
            this.url = url;
            this.init = init;
            this.readyState = 0;
            this.sent = [];
            this.closeCalls = 0;
            FakeWebSocket.instances.push(this);
            onCreate(this);
        }

        send(data) {
            this.sent.push(data);
        }

        close() {
            this.closeCalls++;
            this.readyState = 3;
        }

        open() {
            this.readyState = 1;
            this.onopen?.({});
        }

        fail() {
            this.readyState = 3;
            this.onclose?.({ code: 1006, reason: "", wasClean: false });
        }

        message(data) {
            this.onmessage?.({ data });
        }

        serverClose(code, reason = "") {
            this.readyState = 3;
            this.onclose?.({ code, reason, wasClean: code === 1000 });
        }
    };
}

/** Each socket opens as soon as the transport has hooked it up. */
export const openingWebSocket = () => fakeWebSocketClass((socket) => queueMicrotask(() => socket.open()));

/** Each socket fails to open. */
export const failingWebSocket = () => fakeWebSocketClass((socket) => queueMicrotask(() => socket.fail()));
