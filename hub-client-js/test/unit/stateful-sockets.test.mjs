// Stateful reconnect over real sockets: a small SignalR server (Node's http and ws) that numbers what it sends,
// keeps it until acknowledged, and resumes a connection whose socket it cuts mid-stream. Our client must get
// every number once, in order, on the same connection, and its own sends must reach the server once each.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import WebSocket from "ws";
import { HubConnectionBuilder, LogLevel } from "../../src/index.js";

const RS = "\x1e";
const counted = (message) => message.type >= 1 && message.type <= 5;

/** One connection's state on the server: what it sent (numbered, until acked) and what it received. */
function session() {
    return { sent: [], nextId: 1, received: 0, expected: 1, socket: undefined, args: [], sockets: 0, resent: 0, onArg: () => {} };
}

/** Starts the server: `cut()` destroys the current socket's TCP connection, as a network fault would. */
async function startServer(count) {
    const sessions = new Map();
    const http = createServer((request, response) => {
        const url = new URL(request.url, "http://x");
        assert.equal(url.searchParams.get("useStatefulReconnect"), "true");
        sessions.set("token-1", session());
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({
            negotiateVersion: 1, connectionId: "id-1", connectionToken: "token-1", useStatefulReconnect: true,
            availableTransports: [{ transport: "WebSockets", transferFormats: ["Text", "Binary"] }],
        }));
    });
    const wss = new WebSocket.Server({ server: http });
    const send = (s, message) => {
        const text = JSON.stringify(message) + RS;
        if (counted(message)) {
            s.sent.push({ id: s.nextId++, text });
        }
        if (s.socket?.readyState === WebSocket.OPEN) {
            s.socket.send(text);
        }
    };
    wss.on("connection", (socket, request) => {
        const s = sessions.get(new URL(request.url, "http://x").searchParams.get("id"));
        const resumed = s.socket !== undefined;
        s.socket = socket;
        s.sockets++;
        if (resumed) {
            // The client speaks first (its Sequence); ours: resend everything not acknowledged.
            socket.send(JSON.stringify({ type: 9, sequenceId: s.sent[0]?.id ?? s.nextId }) + RS);
            s.sent.forEach((item) => socket.send(item.text));
            s.resent += s.sent.length;
        }
        let handshaken = resumed;
        socket.on("message", (data) => {
            for (const record of String(data).split(RS).filter(Boolean)) {
                const message = JSON.parse(record);
                if (!handshaken) {
                    assert.deepEqual(message, { protocol: "json", version: 2 });
                    handshaken = true;
                    socket.send(`{}${RS}`);
                } else if (message.type === 8) {
                    s.sent = s.sent.filter((item) => item.id > message.sequenceId);
                } else if (message.type === 9) {
                    s.expected = message.sequenceId;
                } else if (counted(message)) {
                    const id = s.expected++;
                    if (id > s.received) {
                        s.received = id;
                        s.args.push(message.arguments[0]);
                        s.onArg();
                        if (message.target === "numbers") {
                            stream(s);
                        }
                    }
                }
            }
        });
    });
    /** Sends 1 … count, one every few milliseconds, whatever the socket's state. */
    function stream(s) {
        let n = 0;
        const timer = setInterval(() => {
            send(s, { type: 1, target: "number", arguments: [++n] });
            if (n === count) {
                clearInterval(timer);
            }
        }, 2);
    }
    await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${http.address().port}/hub`,
        session: () => sessions.get("token-1"),
        cut: () => sessions.get("token-1").socket._socket.destroy(),
        close: () => {
            wss.clients.forEach((client) => client.terminate());
            return new Promise((resolve) => http.close(resolve));
        },
    };
}

test("a socket cut mid-stream: every number once and in order, each send once, the same connection", async (t) => {
    const count = 400;
    const server = await startServer(count);
    t.after(() => server.close());
    const connection = new HubConnectionBuilder().withUrl(server.url).withStatefulReconnect()
        .configureLogging(LogLevel.None).build();
    t.after(() => connection.stop());
    const events = [];
    connection.onreconnecting(() => events.push("reconnecting"));
    connection.onclose(() => events.push("closed"));
    const numbers = [];
    const done = new Promise((resolve) => connection.on("number", (n) => {
        numbers.push(n);
        if (n === 100) {
            server.cut();
            connection.send("note", "while cut");
        }
        if (numbers.length >= count) {
            resolve();
        }
    }));
    await connection.start();
    await connection.send("numbers", count);
    await done;
    assert.deepEqual(numbers, Array.from({ length: count }, (_, i) => i + 1));
    assert.equal(connection.connectionId, "id-1");
    await connection.send("note", "after");
    await new Promise((resolve) => {
        server.session().onArg = () => server.session().args.length === 3 && resolve();
        server.session().onArg();
    });
    assert.deepEqual(server.session().args, [count, "while cut", "after"]);
    assert.deepEqual(events, []);
    assert.equal(server.session().sockets, 2, "one new socket, no new negotiate");
    assert.ok(server.session().resent >= 1, "the server resent at least the number that was being read at the cut");
});
