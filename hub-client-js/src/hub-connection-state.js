// The states of a hub connection.

// The code uses these constants rather than the members: a minified constant's name is one letter.
export const DISCONNECTED = "Disconnected";
export const CONNECTING = "Connecting";
export const CONNECTED = "Connected";
export const DISCONNECTING = "Disconnecting";
export const RECONNECTING = "Reconnecting";

/** Where a hub connection is in its life. */
export const HubConnectionState = Object.freeze({
    Disconnected: DISCONNECTED,
    Connecting: CONNECTING,
    Connected: CONNECTED,
    Disconnecting: DISCONNECTING,
    Reconnecting: RECONNECTING,
});
