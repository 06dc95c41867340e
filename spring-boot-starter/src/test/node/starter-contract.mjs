// The starter's test application with the official client, over each transport:
// node starter-contract.mjs BASE_URL [json|messagepack]. Exits 0 when every check passes, printing one line per
// transport; in MessagePack (@microsoft/signalr-protocol-msgpack) Server-Sent Events must be refused.
import assert from "node:assert/strict";
import signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

const [base, protocol = "json"] = process.argv.slice(2);
const messagePack = protocol === "messagepack";
const TIMEOUT_MS = 20_000;
const TRANSPORTS = {
  WebSockets: [signalR.HttpTransportType.WebSockets, "WEB_SOCKETS"],
  ServerSentEvents: [signalR.HttpTransportType.ServerSentEvents, "SERVER_SENT_EVENTS"],
  LongPolling: [signalR.HttpTransportType.LongPolling, "LONG_POLLING"],
};

function within(what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function connect(path, transport, headers = {}) {
  const builder = new signalR.HubConnectionBuilder()
    .withUrl(base + path, { transport, headers })
    .configureLogging(signalR.LogLevel.None);
  const connection = (messagePack ? builder.withHubProtocol(new MessagePackHubProtocol()) : builder).build();
  await within(`start of ${path}`, connection.start());
  return connection;
}

const basic = (user, password) => "Basic " + Buffer.from(`${user}:${password}`).toString("base64");

for (const [name, [transport, wireName]] of Object.entries(TRANSPORTS)) {
  if (messagePack && transport === signalR.HttpTransportType.ServerSentEvents) {
    await assert.rejects(connect("/chat", transport), /'ServerSentEvents' does not support Binary/);
    console.log(`${name}: refused`);
    continue;
  }
  const chat = await connect("/chat", transport);
  assert.equal(await chat.invoke("transport"), wireName);
  assert.match(await chat.invoke("greet", "Ada"), /Ada/);
  const message = new Promise((resolve) => chat.on("message", resolve));
  await chat.invoke("send", `over ${name}`);
  assert.equal(await within("message", message), `over ${name}`);
  await assert.rejects(chat.invoke("fail"), /boom/);

  const alice = await connect("/secure", transport, { Authorization: basic("alice", "alice-pw") });
  assert.match(await alice.invoke("whoAmI"), /^alice \[ADMIN, USER\]/);
  assert.equal(await alice.invoke("adminOnly"), "welcome, admin");
  const bob = await connect("/secure", transport, { Authorization: basic("bob", "bob-pw") });
  await assert.rejects(bob.invoke("adminOnly"), /unauthorized|not authorized|Unauthorized/i);
  await assert.rejects(connect("/secure", transport), /401|Unauthorized/);

  await Promise.all([chat.stop(), alice.stop(), bob.stop()]);
  console.log(`${name}: ok`);
}
