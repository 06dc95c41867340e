// Switchboard's browser client for SignalR hubs: the API of @microsoft/signalr, in a fraction of its size.
export { DefaultReconnectPolicy, HubConnectionBuilder } from "./builder.js";
export { AbortError, HttpError } from "./errors.js";
export { HubConnection, HubConnectionState } from "./hub-connection.js";
export { LogLevel, NullLogger } from "./logging.js";
export { MessageType, TransferFormat } from "./protocol.js";
export { Subject } from "./subject.js";
export { HttpTransportType } from "./transports.js";

/** This client's version. */
export const VERSION = "0.1.0";
