// The JSON hub protocol: every message is a JSON text followed by the record separator.

/** Ends each message on the wire. */
export const RECORD_SEPARATOR = "\x1e";

/** The hub protocol's message types. */
export const MessageType = Object.freeze({
    Invocation: 1,
    StreamItem: 2,
    Completion: 3,
    StreamInvocation: 4,
    CancelInvocation: 5,
    Ping: 6,
    Close: 7,
});

/** The formats a transport can carry. */
export const TransferFormat = { Text: 1, Binary: 2 };

/** One message as it goes on the wire. */
export const frame = (message) => JSON.stringify(message) + RECORD_SEPARATOR;

/** What the client says first: the JSON protocol, version 1, as the official client does. */
export const HANDSHAKE_REQUEST = frame({ protocol: "json", version: 1 });

/** Transports deliver text, or bytes when the server sent a binary frame. */
export const asText = (data) => (typeof data === "string" ? data : new TextDecoder().decode(data));

/**
 * The messages in one delivery. Transports deliver whole messages, so text that does not end with the
 * separator is a protocol error rather than something to wait for.
 */
export function parseMessages(text) {
    if (!text.endsWith(RECORD_SEPARATOR)) {
        throw new Error("Message is incomplete.");
    }
    return text.slice(0, -1).split(RECORD_SEPARATOR).map((record) => JSON.parse(record));
}

/**
 * Reads the handshake response off the front of received text, which may be split across deliveries or
 * be followed by the first messages.
 *
 * @returns {{response: object, rest: string} | undefined} undefined while the response is incomplete
 */
export function parseHandshakeResponse(text) {
    const end = text.indexOf(RECORD_SEPARATOR);
    if (end < 0) {
        return undefined;
    }
    const response = JSON.parse(text.slice(0, end));
    if (typeof response !== "object" || !response || "type" in response) {
        throw new Error("Expected a handshake response from the server.");
    }
    return { response, rest: text.slice(end + 1) };
}
