// Stateful reconnect with the official client (withStatefulReconnect) through a TCP proxy that cuts its sockets,
// against a server hosting CountingHub at /count: node stateful-reconnect.mjs BASE_URL SCENARIO [json|messagepack].
// Prints one JSON line of what it saw and exits 0 when every check passes.
//   resume: the server counts 1..N to the client's group; the proxy cuts every socket (RST) three times mid-stream
//           while the client reports numbers; every number arrives once, in order, on the same connection.
//   budget: the server counts past statefulReconnectBufferSize before the client can acknowledge: the client is
//           closed, may reconnect, and does, as a new connection.
//   window: the proxy cuts the socket and holds the client's resume until the server has ended the connection
//           (disconnectTimeout): the resume is refused and the automatic reconnect makes a new connection.
import assert from "node:assert/strict";
import net from "node:net";
import signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

const [base, scenario, protocol = "json"] = process.argv.slice(2);
const TIMEOUT_MS = 60_000;
const COUNT = 1500;

function within(what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A proxy to the server whose sockets can be reset, and which can hold new connections until released. */
async function startProxy(target) {
  const sockets = new Set();
  /** Sockets of plain HTTP requests, idle once answered, which the server may keep alive for a minute. */
  const plain = new Set();
  const held = [];
  let holding = false;
  const forward = (client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    plain.add(client);
    upstream.once("data", (head) => head.toString("latin1", 0, 12) === "HTTP/1.1 101" && plain.delete(client));
    [client, upstream].forEach((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        sockets.delete(socket);
        plain.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    });
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => (holding ? held.push(client) : forward(client)));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}${target.pathname}`,
    cut() {
      sockets.forEach((socket) => socket.resetAndDestroy());
    },
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      held.splice(0).forEach(forward);
    },
    /**
     * Once the WebSockets have ended by themselves: cutting them now could lose the client's last Close. Plain HTTP
     * sockets are done by now.
     */
    close() {
      held.splice(0).forEach((socket) => socket.destroy());
      plain.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function connect(url, automaticReconnect) {
  let builder = new signalR.HubConnectionBuilder()
    .withUrl(url, { transport: signalR.HttpTransportType.WebSockets })
    .withStatefulReconnect()
    .configureLogging(signalR.LogLevel.None);
  if (protocol === "messagepack") {
    builder = builder.withHubProtocol(new MessagePackHubProtocol());
  }
  if (automaticReconnect) {
    builder = builder.withAutomaticReconnect([0, 0, 500, 1000, 2000]);
  }
  return builder.build();
}

/** Resolves once {@code condition} holds, checked on every number received. */
function waitFor(listeners, what, condition) {
  return within(what, new Promise((resolve) => {
    const check = () => condition() && resolve();
    listeners.push(check);
    check();
  }));
}

async function resume(proxy) {
  const connection = connect(proxy.url, false);
  const numbers = [];
  const listeners = [];
  connection.on("number", (n) => {
    numbers.push(n);
    listeners.forEach((check) => check());
  });
  let closed = null;
  connection.onclose((error) => (closed = error ?? new Error("closed")));
  await within("start", connection.start());
  const id = connection.connectionId;
  assert.equal(await connection.invoke("join", "g"), id);
  await connection.invoke("countPaced", "g", COUNT, 2000);
  let reported = 0;
  const sends = [];
  for (const at of [300, 700, 1100]) {
    await waitFor(listeners, `number ${at}`, () => numbers.length >= at);
    proxy.cut();
    // Sent while the socket is gone: kept by the client, sent again on the new socket, run once.
    for (let i = 0; i < 3; i++) {
      sends.push(connection.send("report", ++reported));
    }
    await new Promise((resolve) => setImmediate(resolve));
    sends.push(connection.send("report", ++reported));
  }
  await within("the reports", Promise.all(sends));
  await waitFor(listeners, `all ${COUNT} numbers`, () => numbers.length >= COUNT);
  // Still in its group: a second count reaches it.
  await connection.invoke("count", "g", 2);
  await waitFor(listeners, "the second count", () => numbers.length >= COUNT + 2);
  const expected = [...Array(COUNT).keys()].map((i) => i + 1).concat([1, 2]);
  assert.deepEqual(numbers, expected);
  assert.equal(connection.connectionId, id);
  assert.equal(connection.state, signalR.HubConnectionState.Connected);
  assert.equal(closed, null);
  await connection.stop();
  return { connectionId: id, numbers: numbers.length, reported };
}

// One call on the new connection before it stops: the hub runs its onConnected before any call, while a client
// that stops the moment its handshake is answered may end the connection before the hub has connected it, and
// then, as in SignalR, the hub hears of neither.
function calledOn(connection) {
  return within("a call on the new connection", connection.invoke("join", "g"));
}

async function budget(proxy) {
  const connection = connect(proxy.url, true);
  const reconnected = new Promise((resolve) => connection.onreconnected(resolve));
  const reconnecting = new Promise((resolve) => connection.onreconnecting(resolve));
  await within("start", connection.start());
  const first = connection.connectionId;
  await connection.invoke("join", "g");
  // Closed before its completion can come, most likely.
  connection.invoke("count", "g", 200).catch(() => {});
  const why = await within("the close", reconnecting);
  const second = await within("the reconnect", reconnected);
  assert.notEqual(second, first);
  assert.match(String(why), /bytes not acknowledged/);
  await calledOn(connection);
  await connection.stop();
  return { first, second };
}

async function window(proxy, observerUrl) {
  const connection = connect(proxy.url, true);
  const reconnected = new Promise((resolve) => connection.onreconnected(resolve));
  await within("start", connection.start());
  const first = connection.connectionId;
  await connection.invoke("join", "g");
  proxy.hold();
  proxy.cut();
  // The server ends the connection once the window has passed; only then may the resume reach it.
  const observer = new signalR.HubConnectionBuilder().withUrl(observerUrl)
    .configureLogging(signalR.LogLevel.None).build();
  await within("the observer's start", observer.start());
  await within("the end of the first connection", (async () => {
    while (!(await observer.invoke("ended", first))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })());
  await observer.stop();
  proxy.release();
  const second = await within("the reconnect", reconnected);
  assert.notEqual(second, first);
  await calledOn(connection);
  await connection.stop();
  return { first, second };
}

const proxy = await startProxy(new URL(base));
try {
  const scenarios = { resume, budget, window };
  console.log(JSON.stringify(await scenarios[scenario](proxy, base)));
} finally {
  await proxy.close();
}
