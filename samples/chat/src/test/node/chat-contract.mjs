// The chat contract with the official client: node chat-contract.mjs URL TRANSPORT EXPECTED
// TRANSPORT is "default" (the client falls back down negotiate's list) or a transport name to force;
// EXPECTED is the transport the first client must end up on. Exits 0 when every check passes.
import assert from "node:assert/strict";
import signalR from "@microsoft/signalr";

const [url, transportArg, expected] = process.argv.slice(2);
const TIMEOUT_MS = 10_000;
const TRANSPORT_NAMES = {
  WebSocketTransport: "WebSockets",
  ServerSentEventsTransport: "ServerSentEvents",
  LongPollingTransport: "LongPolling",
};

function client() {
  const options = transportArg === "default" ? {} : { transport: signalR.HttpTransportType[transportArg] };
  return new signalR.HubConnectionBuilder().withUrl(url, options)
    .configureLogging(signalR.LogLevel.None).build();
}

/** Every call of a client method, awaited one at a time. */
function inbox(connection, method) {
  const received = [];
  const waiting = [];
  connection.on(method, (...args) => {
    const value = args.length === 1 ? args[0] : args;
    waiting.length ? waiting.shift()(value) : received.push(value);
  });
  return {
    next() {
      if (received.length) return Promise.resolve(received.shift());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${method} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        waiting.push((value) => { clearTimeout(timer); resolve(value); });
      });
    },
  };
}

const ada = client();
const bob = client();
const carol = client();
const adaJoined = inbox(ada, "userJoined");
const adaLeft = inbox(ada, "userLeft");
const adaMessages = inbox(ada, "message");
const bobMessages = inbox(bob, "message");
const adaRoom = inbox(ada, "roomMessage");
for (const connection of [ada, bob, carol]) {
  await connection.start();
}
const used = TRANSPORT_NAMES[ada.connection.transport.constructor.name];
assert.equal(used, expected, "transport in use");

assert.deepEqual(await ada.invoke("join", "ada"), ["ada"]);
assert.deepEqual(await bob.invoke("join", "bob"), ["ada", "bob"]);
assert.equal(await adaJoined.next(), "bob");
await assert.rejects(carol.invoke("join", "BOB"), /nickname/);
await assert.rejects(carol.invoke("join", " "), /nickname/);
await assert.rejects(carol.invoke("send", "too early"), /join/);

await bob.invoke("send", "hello");
assert.deepEqual(await adaMessages.next(), ["bob", "hello"]);
assert.deepEqual(await bobMessages.next(), ["bob", "hello"]);

await ada.invoke("joinRoom", "lobby");
await bob.invoke("joinRoom", "lobby");
await bob.invoke("sendToRoom", "lobby", "in the room");
assert.deepEqual(await adaRoom.next(), ["lobby", "bob", "in the room"]);
await bob.invoke("leaveRoom", "lobby");
await assert.rejects(bob.invoke("sendToRoom", "lobby", "not a member"), /room/);
assert.deepEqual(await ada.invoke("users"), ["ada", "bob"]);

await bob.stop();
assert.equal(await adaLeft.next(), "bob");
assert.deepEqual(await carol.invoke("join", "bob"), ["ada", "bob"]);

await ada.stop();
await carol.stop();
console.log(`chat contract passed on ${used}`);
