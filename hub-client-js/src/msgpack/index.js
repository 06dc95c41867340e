// The MessagePack hub protocol, as @microsoft/signalr-protocol-msgpack's MessagePackHubProtocol: each message a
// MessagePack array, prefixed with its length as a varint. Values are encoded by @msgpack/msgpack.
import { Decoder, Encoder } from "@msgpack/msgpack";
import {
    ACK, BINARY, CANCEL_INVOCATION, CLOSE, COMPLETION, INFORMATION, INVOCATION, MessageType, PING, SEQUENCE,
    STREAM_INVOCATION, STREAM_ITEM,
} from "../enums.js";
import { failure } from "../errors.js";

const ERROR_RESULT = 1;
const VOID_RESULT = 2;
const NON_VOID_RESULT = 3;
/** The fewest array items each type needs, counting the type itself. */
const MIN_LENGTH = { 1: 5, 2: 4, 3: 4, 6: 1, 7: 2, 8: 1, 9: 1 };
const NAMES = Object.keys(MessageType);

/** Prefixes one encoded message with its length: 7 bits a byte, low bits first, high bit set on all but the last. */
function withLength(payload) {
    const prefix = [];
    let size = payload.length;
    do {
        prefix.push((size & 0x7f) | (size > 0x7f ? 0x80 : 0));
        size >>>= 7;
    } while (size > 0);
    const buffer = new Uint8Array(prefix.length + payload.length);
    buffer.set(prefix);
    buffer.set(payload, prefix.length);
    return buffer.buffer;
}

/** The messages in a delivery, each without its length prefix; a cut or oversized one is an error. */
function splitMessages(input) {
    const bytes = new Uint8Array(input);
    const messages = [];
    for (let offset = 0; offset < bytes.length;) {
        let size = 0;
        let count = 0;
        let byte;
        do {
            byte = bytes[offset + count];
            size |= (byte & 0x7f) << (7 * count);
            count++;
        } while (count < Math.min(5, bytes.length - offset) && byte & 0x80);
        if (byte & 0x80 && count < 5) {
            throw failure("Cannot read message size.");
        }
        if (count === 5 && byte > 7) {
            throw failure("Messages bigger than 2GB are not supported.");
        }
        if (bytes.length < offset + count + size) {
            throw failure("Incomplete message.");
        }
        messages.push(bytes.subarray(offset + count, offset + count + size));
        offset += count + size;
    }
    return messages;
}

/** Implements the MessagePack hub protocol; `messagePackOptions` go to @msgpack/msgpack's Encoder and Decoder. */
export class MessagePackHubProtocol {
    constructor(messagePackOptions = {}) {
        this.name = "messagepack";
        this.version = 2;
        this.transferFormat = BINARY;
        this._encoder = new Encoder(messagePackOptions);
        this._decoder = new Decoder(messagePackOptions);
    }

    /** The messages in an ArrayBuffer; unknown types are logged and skipped. */
    parseMessages(input, logger) {
        if (!(input instanceof ArrayBuffer || ArrayBuffer.isView(input))) {
            throw failure("Invalid input for MessagePack hub protocol. Expected an ArrayBuffer.");
        }
        return splitMessages(input).map((bytes) => this._parseMessage(bytes, logger)).filter(Boolean);
    }

    _parseMessage(bytes, logger) {
        const properties = bytes.length ? this._decoder.decode(bytes) : [];
        if (!Array.isArray(properties) || !properties.length) {
            throw failure("Invalid payload.");
        }
        const [type, headers] = properties;
        if (!MIN_LENGTH[type]) {
            logger?.log(INFORMATION, `Unknown message type '${type}' ignored.`);
            return null;
        }
        if (properties.length < MIN_LENGTH[type]
            || (type === COMPLETION && properties[3] !== VOID_RESULT && properties.length < 5)) {
            throw failure(`Invalid payload for ${NAMES[type - 1]} message.`);
        }
        if (type <= COMPLETION && typeof headers !== "object") {
            throw failure("Invalid headers.");
        }
        const [, , invocationId, fourth, fifth] = properties;
        switch (type) {
        case INVOCATION:
            return {
                type, headers, ...(invocationId && { invocationId }), target: fourth, arguments: fifth, streamIds: [],
            };
        case STREAM_ITEM:
            return { type, headers, invocationId, item: fourth };
        case COMPLETION:
            return {
                type, headers, invocationId,
                error: fourth === ERROR_RESULT ? fifth : undefined,
                result: fourth === NON_VOID_RESULT ? fifth : undefined,
            };
        case CLOSE:
            return { type, error: properties[1], allowReconnect: properties[2] };
        case ACK:
        case SEQUENCE:
            return { type, sequenceId: properties[1] };
        default:
            return { type };
        }
    }

    /** The message as an ArrayBuffer, laid out as upstream's. */
    writeMessage(message) {
        const { type, headers = {}, invocationId } = message;
        let properties;
        switch (type) {
        case INVOCATION:
        case STREAM_INVOCATION:
            properties = [type, headers, type === INVOCATION ? invocationId || null : invocationId,
                message.target, message.arguments, ...(message.streamIds ? [message.streamIds] : [])];
            break;
        case STREAM_ITEM:
            properties = [type, headers, invocationId, message.item];
            break;
        case COMPLETION: {
            const kind = message.error ? ERROR_RESULT : message.result !== undefined ? NON_VOID_RESULT : VOID_RESULT;
            properties = [type, headers, invocationId, kind,
                ...(kind === VOID_RESULT ? [] : [kind === ERROR_RESULT ? message.error : message.result])];
            break;
        }
        case CANCEL_INVOCATION:
            properties = [type, headers, invocationId];
            break;
        case PING:
            properties = [type];
            break;
        case CLOSE:
            properties = [type, null];
            break;
        case ACK:
        case SEQUENCE:
            properties = [type, message.sequenceId];
            break;
        default:
            throw failure("Invalid message type.");
        }
        return withLength(this._encoder.encode(properties));
    }
}
