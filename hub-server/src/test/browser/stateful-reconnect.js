// The page of StatefulReconnectBrowserTest, loaded before the client's scripts (ours or the official ones, which
// define the global signalR): it keeps every WebSocket the client opens and every number the hub sends, for the
// test to read, and connects to CountingHub at /count with withStatefulReconnect() when the test asks.
"use strict";

// Each WebSocket the client opens, in order: a resume opens a new one to the same URL, with the same token.
const sockets = [];
/** The close code of each that closed: 1006 for a lost one, with no Close frame. */
const closeCodes = [];
window.WebSocket = class extends window.WebSocket {
  constructor(url, protocols) {
    super(url, protocols);
    sockets.push(this);
    this.addEventListener("close", (event) => closeCodes.push(event.code));
  }
};

const seen = { numbers: [], closed: null, reconnecting: null, reconnected: null };
/** The client's log from Debug up, for a failing test to show. */
const logs = [];
const logger = { log: (level, message) => level >= signalR.LogLevel.Debug && logs.push(`${level} ${message}`) };
/** The sends made while sockets were cut, for the test to await. */
const sends = [];
let connection;
let reported = 0;

window.page = {
  seen,
  /** Starts the connection; reconnectDelays, when given, turns on the automatic reconnect. */
  start(protocol, reconnectDelays) {
    let builder = new signalR.HubConnectionBuilder()
      .withUrl("/count", { transport: signalR.HttpTransportType.WebSockets })
      .withStatefulReconnect()
      .configureLogging(logger);
    if (protocol === "messagepack") {
      builder = builder.withHubProtocol(new signalR.protocols.msgpack.MessagePackHubProtocol());
    }
    if (reconnectDelays) {
      builder = builder.withAutomaticReconnect(reconnectDelays);
    }
    connection = builder.build();
    connection.on("number", (n) => seen.numbers.push(n));
    connection.onclose((error) => (seen.closed = String(error ?? "closed")));
    connection.onreconnecting((error) => (seen.reconnecting = String(error)));
    connection.onreconnected((id) => (seen.reconnected = id));
    return connection.start().then(() => connection.connectionId);
  },
  connection: () => connection,
  /** How many WebSockets the client opened, and whether the last is open. */
  sockets: () => ({ count: sockets.length, open: sockets.at(-1)?.readyState === WebSocket.OPEN }),
  urls: () => sockets.map((socket) => socket.url),
  closeCodes: () => closeCodes,
  /** What a failing test shows. */
  state: () => JSON.stringify({
    numbers: seen.numbers.length, last: seen.numbers.at(-1), sockets: sockets.map((socket) => socket.readyState),
    state: connection?.state, closed: seen.closed, logs,
  }),
  /** Sends reports while the socket is gone: three at once, one on the next task, as the Node test does. */
  report() {
    for (let i = 0; i < 3; i++) {
      sends.push(connection.send("report", ++reported));
    }
    return new Promise((resolve) => setTimeout(() => resolve(sends.push(connection.send("report", ++reported)))));
  },
  reported: () => Promise.all(sends).then(() => reported),
};
