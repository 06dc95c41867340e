// The entry of the minified build: the API as the global `signalR`, as @microsoft/signalr's browser build.
import {
    AbortError, DefaultReconnectPolicy, HttpError, HttpTransportType, HubConnection, HubConnectionBuilder,
    HubConnectionState, LogLevel, MessageType, NullLogger, Subject, TransferFormat, VERSION,
} from "./index.js";

globalThis.signalR = {
    AbortError, DefaultReconnectPolicy, HttpError, HttpTransportType, HubConnection, HubConnectionBuilder,
    HubConnectionState, LogLevel, MessageType, NullLogger, Subject, TransferFormat, VERSION,
};
