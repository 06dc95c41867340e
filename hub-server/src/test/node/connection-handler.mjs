// A connection handler (an echo, no hub protocol) with the official client's own raw connection, the internal
// HttpConnection its functional tests use for their /echo endpoint, or with `switchboard` the same internal class of
// ours (hub-client-js/src/http-connection.js, which neither client exports):
// node connection-handler.mjs URL [official|switchboard] [TRANSPORT...]. Over each transport (or those named) and transfer format: text and bytes echo as they were sent, the server's close ends the connection
// without an error, and the client's stop ends it. Prints one line per transport and format.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { HttpTransportType, TransferFormat } = require("@microsoft/signalr/dist/cjs/ITransport.js");
const [url, client = "official", ...only] = process.argv.slice(2);
const ours = client === "switchboard";
// Ours, from the source tree (this script runs from hub-server/target/node-contract), with the WebSocket class of
// the official client's dependencies, as Node 20 has none of its own.
const { HttpConnection } = ours ? await import(new URL("../../../hub-client-js/src/http-connection.js",
  import.meta.url)) : require("@microsoft/signalr/dist/cjs/HttpConnection.js");
const { NullLogger } = ours ? await import(new URL("../../../hub-client-js/src/logging.js", import.meta.url))
  : require("@microsoft/signalr/dist/cjs/Loggers.js");
const extraOptions = ours ? { WebSocket: require("ws") } : {};

const TIMEOUT_MS = 20_000;

function within(what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function open(transport, format) {
  const logger = ours ? new NullLogger() : NullLogger.instance;
  const connection = new HttpConnection(url, { transport, logger, ...extraOptions }, logger);
  const received = [];
  const waiting = [];
  connection.onreceive = (data) => (waiting.length ? waiting.shift()(data) : received.push(data));
  const closed = new Promise((resolve) => { connection.onclose = resolve; });
  await within("start", connection.start(format));
  const next = () => within("echo", received.length ? Promise.resolve(received.shift())
    : new Promise((resolve) => waiting.push(resolve)));
  return { connection, next, closed };
}

async function run(name, transport, format) {
  // echo
  const a = await open(transport, format);
  if (ours) {
    assert.equal(a.connection._transportName, name);
  } else {
    assert.equal(a.connection.transport.constructor.name, TRANSPORT_CLASSES[name]);
  }
  if (format === TransferFormat.Text) {
    for (const text of ["hello", "héllo ✓ " + "x".repeat(10_000)]) {
      await a.connection.send(text);
      assert.equal(await a.next(), text);
    }
  } else {
    const bytes = new Uint8Array([0, 1, 2, 0xff, 0x1e, 0x80]);
    await a.connection.send(bytes.buffer);
    const echoed = await a.next();
    assert.ok(echoed instanceof ArrayBuffer, "bytes come back as an ArrayBuffer, not " + typeof echoed);
    assert.deepEqual(new Uint8Array(echoed), bytes);
  }
  // the client ends it
  await within("stop", a.connection.stop());
  assert.equal(await a.closed, undefined);

  // the server ends it, once what it sent before is delivered
  if (format === TransferFormat.Text) {
    const b = await open(transport, format);
    await b.connection.send("user");
    assert.equal(await b.next(), "anonymous");
    await b.connection.send("close");
    const error = await within("close", b.closed);
    if (ours && name === "ServerSentEvents") {
      // Ours takes the end of an event stream for an error, as a hub's server ends one only with a Close first.
      assert.equal(error?.message, "The server ended the event stream.");
    } else {
      assert.equal(error, undefined, "closed without an error, not " + error);
    }
  }
}

const TRANSPORT_CLASSES = {
  WebSockets: "WebSocketTransport",
  ServerSentEvents: "ServerSentEventsTransport",
  LongPolling: "LongPollingTransport",
};
const cases = [
  ["WebSockets", HttpTransportType.WebSockets, TransferFormat.Text],
  ["WebSockets", HttpTransportType.WebSockets, TransferFormat.Binary],
  ["ServerSentEvents", HttpTransportType.ServerSentEvents, TransferFormat.Text],
  ["LongPolling", HttpTransportType.LongPolling, TransferFormat.Text],
  ["LongPolling", HttpTransportType.LongPolling, TransferFormat.Binary],
];
for (const [name, transport, format] of cases.filter(([name]) => only.length === 0 || only.includes(name))) {
  await run(name, transport, format);
  console.log(`${name} ${TransferFormat[format]}: ok`);
}
