// The chat contract with the official client: node chat-contract.mjs URL TRANSPORT EXPECTED
// TRANSPORT is "default" (the client falls back down negotiate's list) or a transport name to force;
// EXPECTED is the transport the first client must end up on. Exits 0 when every check passes.
import assert from "node:assert/strict";
import { client as connect, inbox, transportOf } from "./chat-clients.mjs";

const [url, transportArg, expected] = process.argv.slice(2);
const client = () => connect(url, transportArg === "default" ? undefined : transportArg);

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
const used = transportOf(ada);
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
