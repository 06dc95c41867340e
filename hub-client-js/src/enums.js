// The API's enums, and a constant for each member the code uses. The code uses the constants, never the members:
// the minifier inlines a number and names a string in one letter, but keeps every `Enum.Member`. This module imports
// nothing, as the minifier inlines only the constants of a module without imports.

/** Five enums: one name for it, which the minifier shortens. */
const freeze = Object.freeze;

export const INVOCATION = 1;
export const STREAM_ITEM = 2;
export const COMPLETION = 3;
export const STREAM_INVOCATION = 4;
export const CANCEL_INVOCATION = 5;
export const PING = 6;
export const CLOSE = 7;
export const ACK = 8;
export const SEQUENCE = 9;
export const TEXT = 1;
export const BINARY = 2;

/** The hub protocol's message types. */
export const MessageType = /* @__PURE__ */ freeze({
    Invocation: INVOCATION,
    StreamItem: STREAM_ITEM,
    Completion: COMPLETION,
    StreamInvocation: STREAM_INVOCATION,
    CancelInvocation: CANCEL_INVOCATION,
    Ping: PING,
    Close: CLOSE,
    Ack: ACK,
    Sequence: SEQUENCE,
});

/** The formats a transport can carry. */
export const TransferFormat = /* @__PURE__ */ freeze({ Text: TEXT, Binary: BINARY });

export const TRACE = 0;
export const DEBUG = 1;
export const INFORMATION = 2;
export const WARNING = 3;
export const ERROR = 4;
export const NONE = 6;

/** How much the client logs. */
export const LogLevel = /* @__PURE__ */ freeze({
    Trace: TRACE,
    Debug: DEBUG,
    Information: INFORMATION,
    Warning: WARNING,
    Error: ERROR,
    Critical: 5,
    None: NONE,
});

/** The transports, as bit flags to combine; the names match negotiate's. */
export const HttpTransportType = /* @__PURE__ */ freeze({
    None: 0,
    WebSockets: 1,
    ServerSentEvents: 2,
    LongPolling: 4,
});
export const WEB_SOCKETS = 1;
export const SERVER_SENT_EVENTS = 2;
export const LONG_POLLING = 4;

export const DISCONNECTED = "Disconnected";
export const CONNECTING = "Connecting";
export const CONNECTED = "Connected";
export const DISCONNECTING = "Disconnecting";
export const RECONNECTING = "Reconnecting";

/** Where a hub connection is in its life. */
export const HubConnectionState = /* @__PURE__ */ freeze({
    Disconnected: DISCONNECTED,
    Connecting: CONNECTING,
    Connected: CONNECTED,
    Disconnecting: DISCONNECTING,
    Reconnecting: RECONNECTING,
});
