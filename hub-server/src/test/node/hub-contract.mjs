// The hub contract on any host (the embedded server, a servlet container) with the official client, over each
// transport: node hub-contract.mjs BASE_URL [json|messagepack]. Exits 0 when every check passes, printing one line per
// transport. With messagepack (@microsoft/signalr-protocol-msgpack) byte arrays and dates are checked too, and
// Server-Sent Events must be refused, since they carry text only.
import assert from "node:assert/strict";
import signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

const [base, protocol = "json"] = process.argv.slice(2);
const messagePack = protocol === "messagepack";
const TIMEOUT_MS = 20_000;
const TRANSPORTS = {
  WebSockets: signalR.HttpTransportType.WebSockets,
  ServerSentEvents: signalR.HttpTransportType.ServerSentEvents,
  LongPolling: signalR.HttpTransportType.LongPolling,
};

function client(path, transport, options = {}) {
  const builder = new signalR.HubConnectionBuilder()
    .withUrl(base + path, { transport, ...options })
    .configureLogging(signalR.LogLevel.None);
  return (messagePack ? builder.withHubProtocol(new MessagePackHubProtocol()) : builder).build();
}

function within(what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function inbox(connection, method) {
  const received = [];
  const waiting = [];
  connection.on(method, (value) => (waiting.length ? waiting.shift()(value) : received.push(value)));
  return () => within(method, received.length ? Promise.resolve(received.shift())
    : new Promise((resolve) => waiting.push(resolve)));
}

function collect(stream) {
  return within("stream", new Promise((resolve, reject) => {
    const items = [];
    stream.subscribe({ next: (item) => items.push(item), complete: () => resolve(items), error: reject });
  }));
}

async function contract(name, transport) {
  const started = [];
  const open = async (path, options) => {
    const connection = client(path, transport, options);
    started.push(connection);
    await within("start", connection.start());
    return connection;
  };
  try {
    // calls, errors, filters, and the transport used
    const a = await open("/test");
    assert.equal(await a.invoke("add", 2, 3), 5);
    assert.equal(await a.invoke("echo", "héllo ✓"), "héllo ✓");
    await assert.rejects(a.invoke("fail", "it broke"), /it broke/);
    await assert.rejects(a.invoke("echo", "blocked"), /blocked by a filter/);
    assert.equal(String(await a.invoke("transport")).replaceAll("_", "").toLowerCase(),
      name.toLowerCase());

    // groups
    const b = await open("/test");
    const aMessages = inbox(a, "msg");
    await a.invoke("joinGroup", "room");
    await b.invoke("toGroup", "room", "to the room");
    assert.equal(await aMessages(), "to the room");

    // streams both ways
    assert.deepEqual(await collect(a.stream("counter", 3, 0)), [0, 1, 2]);
    const upload = await open("/upload");
    const numbers = new signalR.Subject();
    const sum = upload.invoke("sum", numbers);
    for (let i = 1; i <= 100; i++) numbers.next(i);
    numbers.complete();
    assert.equal(await within("sum", sum), 5050);
    const words = new signalR.Subject();
    const upper = collect(upload.stream("upper", words));
    for (const word of ["a", "b", "c"]) words.next(word);
    words.complete();
    assert.deepEqual(await upper, ["A", "B", "C"]);

    // client results
    const asked = client("/results", transport);
    started.push(asked);
    asked.on("length", (text) => text.length);
    await within("start", asked.start());
    assert.equal(await asked.invoke("askCaller", "hello"), 6);

    if (messagePack) {
      // byte arrays as bin, dates as the Timestamp extension, both ways
      const values = await open("/values");
      assert.deepEqual(await values.invoke("reverse", new Uint8Array([1, 2, 3, 255])), new Uint8Array([255, 3, 2, 1]));
      const later = await values.invoke("later", new Date("2021-01-01T00:00:00.250Z"), 60);
      assert.ok(later instanceof Date, "an Instant arrives as a Date");
      assert.equal(later.toISOString(), "2021-01-01T00:01:00.250Z");
      assert.equal(await values.invoke("year", new Date("1999-12-31T12:00:00Z")), 1999);

      // a JSON client and a MessagePack client in one group get the same broadcast
      const json = new signalR.HubConnectionBuilder().withUrl(base + "/test", { transport })
        .configureLogging(signalR.LogLevel.None).build();
      started.push(json);
      await within("start", json.start());
      const binary = await open("/test");
      const jsonMessages = inbox(json, "msg");
      const binaryMessages = inbox(binary, "msg");
      await json.invoke("joinGroup", "mixed");
      await binary.invoke("joinGroup", "mixed");
      await binary.invoke("toGroup", "mixed", "to both ✓");
      assert.equal(await jsonMessages(), "to both ✓");
      assert.equal(await binaryMessages(), "to both ✓");
    }

    // users and authentication
    const alice = await open("/secure", { accessTokenFactory: () => "alice:admin" });
    const bob = await open("/secure", { accessTokenFactory: () => "bob" });
    assert.equal(await alice.invoke("whoAmI"), "alice [admin]");
    await assert.rejects(bob.invoke("adminOnly"));
    const bobMessages = inbox(bob, "msg");
    await alice.invoke("tellUser", "bob", "hi bob");
    assert.equal(await bobMessages(), "hi bob");
    // refusals read as the client reads ASP.NET Core's empty 401 and 403
    const unauthorized = {
      message: "Failed to complete negotiation with the server: Error: Unauthorized: Status code '401'" };
    const forbidden = {
      message: "Failed to complete negotiation with the server: Error: Forbidden: Status code '403'" };
    await assert.rejects(within("refusal", client("/secure", transport).start()), unauthorized);
    await assert.rejects(within("refusal", client("/secure", transport, { accessTokenFactory: () => "bad" }).start()),
      unauthorized);

    // named policies: on the hub (401 without a user, 403 for a user who fails it) and on methods, with roles
    const editor = await open("/policy", { accessTokenFactory: () => "ed::department=news" });
    const chief = await open("/policy", { accessTokenFactory: () => "chief:admin:department=news" });
    const reader = await open("/policy", { accessTokenFactory: () => "bob:admin:department=sport" });
    assert.equal(await editor.invoke("publish", "it"), "published it");
    assert.equal(await chief.invoke("retract", "it"), "retracted it");
    await assert.rejects(reader.invoke("publish", "it"),
      { message: "Failed to invoke 'publish' because user is unauthorized" });
    await assert.rejects(editor.invoke("retract", "it"),
      { message: "Failed to invoke 'retract' because user is unauthorized" });
    assert.equal(await reader.invoke("whoAmI"), "bob");
    await Promise.all([editor.stop(), chief.stop(), reader.stop()]);
    await assert.rejects(within("refusal", client("/editors", transport).start()), unauthorized);
    await assert.rejects(within("refusal", client("/editors", transport, { accessTokenFactory: () => "bob:admin" })
      .start()), forbidden);
    const newsroom = await open("/editors", { accessTokenFactory: () => "ed::department=news" });
    assert.equal(await newsroom.invoke("whoAmI"), "ed");
    await newsroom.stop();

    // hub paths match ignoring case, as ASP.NET Core's routing does
    const shouting = await open("/TEST");
    assert.equal(await shouting.invoke("add", 1, 1), 2);
    assert.equal(String(await shouting.invoke("transport")).replaceAll("_", "").toLowerCase(), name.toLowerCase());
    const mixed = await open("/Editors", { accessTokenFactory: () => "ed::department=news" });
    assert.equal(await mixed.invoke("whoAmI"), "ed");
    console.log(`${name}: ok`);
  } finally {
    await Promise.allSettled(started.map((connection) => connection.stop()));
  }
}

// The bundled client is served from the same path as on the embedded server.
const script = await fetch(base + "/switchboard/switchboard.mjs");
assert.equal(script.status, 200);
assert.match(script.headers.get("content-type"), /javascript/);
assert.ok((await script.text()).length > 1000);
assert.equal((await fetch(base + "/switchboard/nothing.js")).status, 404);

for (const [name, transport] of Object.entries(TRANSPORTS)) {
  if (messagePack && transport === signalR.HttpTransportType.ServerSentEvents) {
    // The client skips a transport that cannot carry Binary, as negotiate lists SSE with Text only.
    await assert.rejects(client("/test", transport).start(), /'ServerSentEvents' does not support Binary/);
    console.log(`${name}: refused`);
  } else {
    await contract(name, transport);
  }
}
