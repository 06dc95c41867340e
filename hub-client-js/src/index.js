// Switchboard's browser client for SignalR hubs: the API of @microsoft/signalr, in a fraction of its size.
export { DefaultReconnectPolicy, HubConnectionBuilder } from "./builder.js";
export {
    AbortError, AggregateErrors, DisabledTransportError, FailedToNegotiateWithServerError,
    FailedToStartTransportError, HttpError, TimeoutError, UnsupportedTransportError,
} from "./errors.js";
export { DefaultHttpClient, HttpClient, HttpResponse, VERSION } from "./http.js";
export { HubConnection, HubConnectionState } from "./hub-connection.js";
export { LogLevel, NullLogger } from "./logging.js";
export { JsonHubProtocol, MessageType, TransferFormat } from "./protocol.js";
export { Subject } from "./subject.js";
export { HttpTransportType } from "./transports.js";
