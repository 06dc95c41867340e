// The hub protocol's message types and the JSON hub protocol, in which every message is a JSON text followed
// by the record separator; and the handshake, which is JSON whatever the protocol.
import { ACK, CLOSE, COMPLETION, INFORMATION, INVOCATION, PING, SEQUENCE, STREAM_ITEM, TEXT } from "./enums.js";
import { failure } from "./errors.js";
import { NullLogger } from "./logging.js";
import { isString } from "./util.js";

export { MessageType, TransferFormat } from "./enums.js";

/** Ends each message on the wire. */
export const RECORD_SEPARATOR = "\x1e";

/** One JSON record as it goes on the wire. */
export const frame = (message) => JSON.stringify(message) + RECORD_SEPARATOR;

const fail = (message) => {
    throw failure(message);
};
const checkId = (value, type) => (isString(value) && value) || fail(`Invalid payload for ${type} message.`);
const checkSequence = (message, type) => typeof message.sequenceId === "number"
    || fail(`Invalid SequenceId for ${type} message.`);

/** Checks each message type's required fields, as @microsoft/signalr does; false for a type to ignore. */
const VALIDATE = {
    [INVOCATION]: (m) => (checkId(m.target, "Invocation"), m.invocationId === undefined
        || checkId(m.invocationId, "Invocation")),
    [STREAM_ITEM]: (m) => checkId(m.invocationId, "StreamItem") && ("item" in m
        || fail("Invalid payload for StreamItem message.")),
    [COMPLETION]: (m) => {
        if (m.error && (m.result || !checkId(m.error, "Completion"))) {
            fail("Invalid payload for Completion message.");
        }
        return checkId(m.invocationId, "Completion");
    },
    [PING]: () => true,
    [CLOSE]: () => true,
    [ACK]: (m) => checkSequence(m, "Ack"),
    [SEQUENCE]: (m) => checkSequence(m, "Sequence"),
};

/** The JSON hub protocol, as @microsoft/signalr's JsonHubProtocol. */
export class JsonHubProtocol {
    name = "json";
    version = 2;
    transferFormat = TEXT;

    /**
     * The messages in one delivery. Transports deliver whole messages, so text that does not end with the
     * separator is a protocol error rather than something to wait for. Unknown types are logged and skipped.
     */
    parseMessages(input, logger) {
        if (!isString(input)) {
            throw failure("Invalid input for JSON hub protocol. Expected a string.");
        }
        if (!input) {
            return [];
        }
        if (!input.endsWith(RECORD_SEPARATOR)) {
            throw failure("Message is incomplete.");
        }
        return input.slice(0, -1).split(RECORD_SEPARATOR).map((record) => JSON.parse(record)).filter((message) => {
            if (typeof message?.type !== "number") {
                throw failure("Invalid payload.");
            }
            const validate = VALIDATE[message.type];
            if (!validate) {
                (logger ?? NullLogger.instance).log(INFORMATION,
                    `Unknown message type '${message.type}' ignored.`);
            }
            return validate?.(message);
        });
    }

    writeMessage(message) {
        return frame(message);
    }
}

/** What the client says first: the protocol's name and version. */
export const handshakeRequest = (protocol, version) => frame({ protocol: protocol.name, version });

/**
 * Reads the handshake response off the front of what was received, text or bytes, which may be split across
 * deliveries or be followed by the first messages (of the same kind).
 *
 * @returns {{response: object, rest: string | ArrayBuffer} | undefined} undefined while the response is incomplete
 */
export function parseHandshakeResponse(data) {
    const binary = !isString(data);
    const bytes = binary && new Uint8Array(data);
    const end = binary ? bytes.indexOf(0x1e) : data.indexOf(RECORD_SEPARATOR);
    if (end < 0) {
        return undefined;
    }
    const response = JSON.parse(binary ? new TextDecoder().decode(bytes.subarray(0, end)) : data.slice(0, end));
    if (typeof response !== "object" || !response || "type" in response) {
        throw failure("Expected a handshake response from the server.");
    }
    return { response, rest: binary ? bytes.slice(end + 1).buffer : data.slice(end + 1) };
}

/** Text or bytes received (or to send) so far, undefined for nothing yet, followed by the next part. */
export const join = (received, data) => {
    if (received === undefined) {
        return data;
    }
    if (isString(data)) {
        return received + data;
    }
    const bytes = new Uint8Array(received.byteLength + data.byteLength);
    bytes.set(new Uint8Array(received));
    bytes.set(new Uint8Array(data), received.byteLength);
    return bytes.buffer;
};
