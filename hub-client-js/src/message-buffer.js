// Stateful reconnect's bookkeeping on the client, as @microsoft/signalr's MessageBuffer: what was sent and not
// yet acknowledged (to resend after a reconnect), what was received (to acknowledge, and to drop what the
// server resends twice).
import { ACK, CANCEL_INVOCATION, SEQUENCE } from "./enums.js";
import { failure } from "./errors.js";

/** The types that count in the sequence: everything but Ping, Close, Ack and Sequence. */
const counted = (message) => message.type <= CANCEL_INVOCATION;
const sizeOf = (data) => data.byteLength ?? data.length;

/**
 * The buffer of one connection. Its state lives in this closure rather than in fields: the minified script is
 * smaller so (a variable costs a byte or two where `this._field` costs seven).
 */
export function messageBuffer(protocol, connection, bufferSize) {
    let messages = [];
    let bufferedBytes = 0;
    let sentCount = 0;
    let nextReceivingId = 1;
    let latestReceivedId = 0;
    let waitForSequence = false;
    let reconnecting = false;
    let ackTimer;

    /** The socket dropped: hold sends until the resend, and ignore what arrives until the server's Sequence. */
    const disconnected = () => {
        reconnecting = waitForSequence = true;
    };

    /** Acknowledges what was received about a second later, in one Ack for whatever arrives meanwhile. */
    const ackSoon = () => {
        ackTimer ??= setTimeout(async () => {
            try {
                if (!reconnecting) {
                    await connection.send(protocol.writeMessage({ type: ACK, sequenceId: latestReceivedId }));
                }
            } catch {
                // The socket is gone: the Sequence after the reconnect says as much.
            }
            ackTimer = undefined;
        }, 1000);
    };

    return {
        _disconnected: disconnected,

        /** Sends and keeps the message; resolves once the buffer is back under its size (backpressure). */
        async _send(message) {
            const data = protocol.writeMessage(message);
            let backpressure;
            if (counted(message)) {
                const item = { data, id: ++sentCount };
                bufferedBytes += sizeOf(data);
                if (bufferedBytes >= bufferSize) {
                    backpressure = new Promise((resolve, reject) => Object.assign(item, { resolve, reject }));
                }
                messages.push(item);
            }
            try {
                if (!reconnecting) {
                    await connection.send(data);
                }
            } catch {
                disconnected();
            }
            await backpressure;
        },

        /** The server has everything up to sequenceId: forget it, and release senders once under the size. */
        _ack({ sequenceId }) {
            let acked = 0;
            for (const item of messages) {
                if (item.id <= sequenceId) {
                    acked++;
                    bufferedBytes -= sizeOf(item.data);
                } else if (bufferedBytes >= bufferSize) {
                    break;
                }
                item.resolve?.();
            }
            messages = messages.slice(acked);
        },

        /** Whether a received message is new; after a reconnect nothing is until the server's Sequence. */
        _shouldProcessMessage(message) {
            if (waitForSequence) {
                waitForSequence = message.type !== SEQUENCE;
                return !waitForSequence;
            }
            if (!counted(message)) {
                return true;
            }
            const id = nextReceivingId++;
            if (id <= latestReceivedId) {
                if (id === latestReceivedId) {
                    ackSoon();
                }
                return false;
            }
            latestReceivedId = id;
            ackSoon();
            return true;
        },

        /** The server resends from sequenceId on; it cannot skip ahead of what we received. */
        _resetSequence({ sequenceId }) {
            if (sequenceId > nextReceivingId) {
                connection.stop(failure("Sequence ID greater than amount of messages we've received."));
            } else {
                nextReceivingId = sequenceId;
            }
        },

        /** On the new socket: our Sequence, then every message the server has not acknowledged, in order. */
        async _resend() {
            const sequenceId = messages[0]?.id ?? sentCount + 1;
            await connection.send(protocol.writeMessage({ type: SEQUENCE, sequenceId }));
            for (const item of [...messages]) {
                await connection.send(item.data);
            }
            reconnecting = false;
        },

        /** The connection is over: senders still held by backpressure fail. */
        _dispose(error) {
            messages.forEach((item) => item.reject?.(error));
            clearTimeout(ackTimer);
        },
    };
}
