// What the chat contracts share: official clients and a way to await the calls they receive.
import signalR from "@microsoft/signalr";

const TIMEOUT_MS = 10_000;

/** A connection to the hub at url; transport is a HttpTransportType name, or undefined to negotiate. */
export function client(url, transport) {
  const options = transport === undefined ? {} : { transport: signalR.HttpTransportType[transport] };
  return new signalR.HubConnectionBuilder().withUrl(url, options)
    .configureLogging(signalR.LogLevel.None).build();
}

/** The name of the transport a started connection uses: WebSockets, ServerSentEvents or LongPolling. */
export function transportOf(connection) {
  return {
    WebSocketTransport: "WebSockets",
    ServerSentEventsTransport: "ServerSentEvents",
    LongPollingTransport: "LongPolling",
  }[connection.connection.transport.constructor.name];
}

/** Every call of a client method, awaited one at a time. */
export function inbox(connection, method) {
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
