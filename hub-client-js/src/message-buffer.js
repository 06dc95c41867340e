// Stateful reconnect's bookkeeping on the client, as @microsoft/signalr's MessageBuffer: what was sent and not
// yet acknowledged (to resend after a reconnect), what was received (to acknowledge, and to drop what the
// server resends twice).
import { ACK, CANCEL_INVOCATION, SEQUENCE } from "./enums.js";
import { failure } from "./errors.js";

/** The types that count in the sequence: everything but Ping, Close, Ack and Sequence. */
const counted = (message) => message.type <= CANCEL_INVOCATION;
const sizeOf = (data) => data.byteLength ?? data.length;

export class MessageBuffer {
    _messages = [];
    _bufferedBytes = 0;
    _sentCount = 0;
    _nextReceivingId = 1;
    _latestReceivedId = 0;
    _waitForSequence = false;
    _reconnecting = false;

    constructor(protocol, connection, bufferSize) {
        this._protocol = protocol;
        this._connection = connection;
        this._bufferSize = bufferSize;
    }

    /** Sends and keeps the message; resolves once the buffer is back under its size (backpressure). */
    async _send(message) {
        const data = this._protocol.writeMessage(message);
        let backpressure;
        if (counted(message)) {
            const item = { data, id: ++this._sentCount };
            this._bufferedBytes += sizeOf(data);
            if (this._bufferedBytes >= this._bufferSize) {
                backpressure = new Promise((resolve, reject) => Object.assign(item, { resolve, reject }));
            }
            this._messages.push(item);
        }
        try {
            if (!this._reconnecting) {
                await this._connection.send(data);
            }
        } catch {
            this._disconnected();
        }
        await backpressure;
    }

    /** The server has everything up to sequenceId: forget it, and release senders once under the size. */
    _ack({ sequenceId }) {
        let acked = 0;
        for (const item of this._messages) {
            if (item.id <= sequenceId) {
                acked++;
                this._bufferedBytes -= sizeOf(item.data);
            } else if (this._bufferedBytes >= this._bufferSize) {
                break;
            }
            item.resolve?.();
        }
        this._messages = this._messages.slice(acked);
    }

    /** Whether a received message is new; after a reconnect nothing is until the server's Sequence. */
    _shouldProcessMessage(message) {
        if (this._waitForSequence) {
            this._waitForSequence = message.type !== SEQUENCE;
            return !this._waitForSequence;
        }
        if (!counted(message)) {
            return true;
        }
        const id = this._nextReceivingId++;
        if (id <= this._latestReceivedId) {
            if (id === this._latestReceivedId) {
                this._ackSoon();
            }
            return false;
        }
        this._latestReceivedId = id;
        this._ackSoon();
        return true;
    }

    /** The server resends from sequenceId on; it cannot skip ahead of what we received. */
    _resetSequence({ sequenceId }) {
        if (sequenceId > this._nextReceivingId) {
            this._connection.stop(failure("Sequence ID greater than amount of messages we've received."));
        } else {
            this._nextReceivingId = sequenceId;
        }
    }

    /** The socket dropped: hold sends until the resend, and ignore what arrives until the server's Sequence. */
    _disconnected() {
        this._reconnecting = true;
        this._waitForSequence = true;
    }

    /** On the new socket: our Sequence, then every message the server has not acknowledged, in order. */
    async _resend() {
        const sequenceId = this._messages[0]?.id ?? this._sentCount + 1;
        await this._connection.send(this._protocol.writeMessage({ type: SEQUENCE, sequenceId }));
        for (const item of [...this._messages]) {
            await this._connection.send(item.data);
        }
        this._reconnecting = false;
    }

    /** The connection is over: senders still held by backpressure fail. */
    _dispose(error) {
        this._messages.forEach((item) => item.reject?.(error));
        clearTimeout(this._ackTimer);
    }

    /** Acknowledges what was received about a second later, in one Ack for whatever arrives meanwhile. */
    _ackSoon() {
        this._ackTimer ??= setTimeout(async () => {
            try {
                if (!this._reconnecting) {
                    await this._connection.send(this._protocol.writeMessage({
                        type: ACK, sequenceId: this._latestReceivedId,
                    }));
                }
            } catch {
                // The socket is gone: the Sequence after the reconnect says as much.
            }
            this._ackTimer = undefined;
        }, 1000);
    }
}
