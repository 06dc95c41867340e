// The entry of the minified build: the API as the global `signalR`, as @microsoft/signalr's browser build.
// A MessagePack script loaded after it adds signalR.protocols.msgpack.
// Each name is listed (the unit tests check the list against index.js): a namespace object would cost the script a
// getter for each.
import {
    AbortError, AggregateErrors, DefaultHttpClient, DefaultReconnectPolicy, DisabledTransportError,
    FailedToNegotiateWithServerError, FailedToStartTransportError, HttpClient, HttpError, HttpResponse,
    HttpTransportType, HubConnection, HubConnectionBuilder, HubConnectionState, JsonHubProtocol, LogLevel,
    MessageType, NullLogger, Subject, TimeoutError, TransferFormat, UnsupportedTransportError, VERSION,
} from "./index.js";

globalThis.signalR = {
    ...globalThis.signalR, AbortError, AggregateErrors, DefaultHttpClient, DefaultReconnectPolicy,
    DisabledTransportError, FailedToNegotiateWithServerError, FailedToStartTransportError, HttpClient, HttpError,
    HttpResponse, HttpTransportType, HubConnection, HubConnectionBuilder, HubConnectionState, JsonHubProtocol,
    LogLevel, MessageType, NullLogger, Subject, TimeoutError, TransferFormat, UnsupportedTransportError, VERSION,
};
