// Two chat servers on one Redis as one room, with the official client: node chat-redis-contract.mjs URL_A URL_B
// TRANSPORT, where TRANSPORT is the transport every client is forced onto (WebSockets, ServerSentEvents or
// LongPolling). Ada is on server A, Bob and Carol on server B. Exits 0 when every check passes.
import assert from "node:assert/strict";
import { client as connect, inbox, transportOf } from "./chat-clients.mjs";

const [urlA, urlB, transport] = process.argv.slice(2);
const client = (url) => connect(url, transport);

const ada = client(urlA);
const bob = client(urlB);
const carol = client(urlB);
const adaJoined = inbox(ada, "userJoined");
const adaLeft = inbox(ada, "userLeft");
const carolLeft = inbox(carol, "userLeft");
const adaMessages = inbox(ada, "message");
const bobMessages = inbox(bob, "message");
const bobRoom = inbox(bob, "roomMessage");
for (const connection of [ada, bob, carol]) {
  await connection.start();
  assert.equal(transportOf(connection), transport, "transport in use");
}

assert.deepEqual(await ada.invoke("join", "ada"), ["ada"]);
assert.deepEqual(await bob.invoke("join", "bob"), ["ada", "bob"]);
assert.equal(await adaJoined.next(), "bob");
await assert.rejects(carol.invoke("join", "ADA"), /already in use/);

await bob.invoke("send", "hello");
assert.deepEqual(await adaMessages.next(), ["bob", "hello"]);
assert.deepEqual(await bobMessages.next(), ["bob", "hello"]);

await ada.invoke("joinRoom", "lobby");
await bob.invoke("joinRoom", "lobby");
assert.deepEqual(await carol.invoke("join", "carol"), ["ada", "bob", "carol"]);
assert.equal(await adaJoined.next(), "carol");
await ada.invoke("sendToRoom", "lobby", "across servers");
assert.deepEqual(await bobRoom.next(), ["lobby", "ada", "across servers"]);
await assert.rejects(carol.invoke("sendToRoom", "lobby", "not a member"), /room/);
assert.deepEqual(await ada.invoke("users"), ["ada", "bob", "carol"]);
assert.deepEqual(await carol.invoke("users"), ["ada", "bob", "carol"]);

await bob.stop();
assert.equal(await adaLeft.next(), "bob");
assert.equal(await carolLeft.next(), "bob");
const newBob = client(urlA);
await newBob.start();
assert.deepEqual(await newBob.invoke("join", "Bob"), ["ada", "Bob", "carol"]);

for (const connection of [ada, carol, newBob]) {
  await connection.stop();
}
console.log(`two-server chat passed on ${transport}`);
