// Two servers on one Redis behind nginx, with the official client: node sticky-contract.mjs URL TRANSPORT MODE
// The hub has whereAmI() -> its server's name, and send(text) -> message(text) to all.
// Each client comes from an address of its own, in X-Forwarded-For as a load balancer in front of nginx would say.
// MODE "sticky": clients start until one is on each server; a broadcast from each reaches the other.
// MODE "skip-negotiation": the same with skipNegotiation (WebSockets only), so no request needs to follow another.
// MODE "refused": the client's start must fail, as negotiate and connect reach different servers.
// Prints one line saying what happened; exits 0 when every check passes.
import assert from "node:assert/strict";
import signalR from "@microsoft/signalr";

const [url, transport, mode] = process.argv.slice(2);
const TIMEOUT_MS = 10_000;
// Where a new client lands is the proxy's choice: with two servers, 24 clients all on one has odds of 2^-23.
const MAX_CLIENTS = 24;
const TRANSPORT_CLASSES = {
  WebSockets: "WebSocketTransport",
  ServerSentEvents: "ServerSentEventsTransport",
  LongPolling: "LongPollingTransport",
};

let clients = 0;

function client() {
  clients++;
  const options = {
    transport: signalR.HttpTransportType[transport],
    skipNegotiation: mode === "skip-negotiation",
    headers: { "X-Forwarded-For": `198.51.100.${clients}` },
  };
  return new signalR.HubConnectionBuilder().withUrl(url, options)
    .configureLogging(signalR.LogLevel.None).build();
}

/** Every message the connection receives, awaited one at a time. */
function inbox(connection) {
  const received = [];
  const waiting = [];
  connection.on("message", (text) => waiting.length ? waiting.shift()(text) : received.push(text));
  return {
    next() {
      if (received.length) return Promise.resolve(received.shift());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        waiting.push((text) => { clearTimeout(timer); resolve(text); });
      });
    },
  };
}

if (mode === "refused") {
  const lost = client();
  await assert.rejects(lost.start(), (error) => {
    console.log(`refused on ${transport}: ${error.message}`);
    return true;
  });
  process.exit(0);
}

// The first client found on each server, by server name.
const pinned = new Map();
const extra = [];
let started = 0;
while (pinned.size < 2 && started < MAX_CLIENTS) {
  const connection = client();
  const messages = inbox(connection);
  await connection.start();
  started++;
  assert.equal(connection.connection.transport.constructor.name, TRANSPORT_CLASSES[transport], "transport in use");
  const server = await connection.invoke("whereAmI");
  // Each of its later requests must reach the same server, or the transport would have failed.
  assert.equal(await connection.invoke("whereAmI"), server, "a second invocation's server");
  if (pinned.has(server)) {
    extra.push(connection);
  } else {
    pinned.set(server, { connection, messages });
  }
}
assert.equal(pinned.size, 2, `${started} clients all landed on ${[...pinned.keys()]}`);
for (const connection of extra) {
  await connection.stop();
}

const [[nameA, a], [nameB, b]] = [...pinned];
await a.connection.invoke("send", `hello from ${nameA}`);
assert.equal(await b.messages.next(), `hello from ${nameA}`);
assert.equal(await a.messages.next(), `hello from ${nameA}`);
await b.connection.invoke("send", `hello from ${nameB}`);
assert.equal(await a.messages.next(), `hello from ${nameB}`);
assert.equal(await b.messages.next(), `hello from ${nameB}`);
await a.connection.stop();
await b.connection.stop();
console.log(`${mode} on ${transport}: clients on ${nameA} and ${nameB} after ${started} starts`);
