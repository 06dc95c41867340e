// A connection to a hub: the handshake, the messages in and out, keep-alive and stopping. Invocations and client
// methods are in invocations.js, the reconnect loop in reconnect.js.
import {
    ACK, CANCEL_INVOCATION, CLOSE, COMPLETION, CONNECTED, CONNECTING, DISCONNECTED, DISCONNECTING, ERROR,
    INVOCATION, PING, RECONNECTING, SEQUENCE, STREAM_INVOCATION, STREAM_ITEM, TEXT,
} from "./enums.js";
import { AbortError, failure, notConnected } from "./errors.js";
import { call, invokeClientMethod } from "./invocations.js";
import { messageBuffer } from "./message-buffer.js";
import { handshakeRequest, join, JsonHubProtocol, parseHandshakeResponse } from "./protocol.js";
import { reconnect } from "./reconnect.js";
import { Subject } from "./subject.js";
import { ignore, isString, resolved } from "./util.js";

export { HubConnectionState } from "./enums.js";

/** A connection to one hub; build it with HubConnectionBuilder. */
export class HubConnection {
    serverTimeoutInMilliseconds = 30000;
    keepAliveIntervalInMilliseconds = 15000;
    _handlers = new Map();
    _callbacks = new Map();
    _closedCallbacks = [];
    _reconnectingCallbacks = [];
    _reconnectedCallbacks = [];
    _state = DISCONNECTED;
    _started = false;
    _nextId = 0;

    constructor(connection, logger, reconnectPolicy, protocol = new JsonHubProtocol(), statefulReconnectBufferSize = 100000) {
        this._connection = connection;
        this._logger = logger;
        this._reconnectPolicy = reconnectPolicy;
        this._protocol = protocol;
        this._bufferSize = statefulReconnectBufferSize;
        this._ping = protocol.writeMessage({ type: PING });
        connection.onreceive = (data) => this._receive(data);
        connection.onclose = (error) => this._connectionClosed(error);
    }

    get state() {
        return this._state;
    }

    /** The server's id for this connection, null until connected. */
    get connectionId() {
        return this._connection.connectionId ?? null;
    }

    /** The name of the transport in use ("WebSockets", "ServerSentEvents", "LongPolling"), or null. */
    get transport() {
        return this._connection._transportName;
    }

    get baseUrl() {
        return this._connection._baseUrl;
    }

    set baseUrl(url) {
        if (this._state !== DISCONNECTED && this._state !== RECONNECTING) {
            throw failure("The url can change only while disconnected or reconnecting.");
        }
        this._connection._baseUrl = url;
    }

    /** Connects, negotiating a transport and completing the hub handshake. */
    start() {
        return this._startPromise = (async () => {
            if (this._state !== DISCONNECTED) {
                throw failure("Cannot start a HubConnection that is not in the 'Disconnected' state.");
            }
            this._state = CONNECTING;
            try {
                await this._startInternal();
                this._state = CONNECTED;
                this._started = true;
            } catch (e) {
                this._state = DISCONNECTED;
                throw e;
            }
        })();
    }

    async _startInternal() {
        this._stopDuringStartError = undefined;
        this._received = undefined;
        this._disposeBuffer();
        this._handshakeDone = false;
        const handshake = new Promise((resolve, reject) => {
            this._handshakeResolve = resolve;
            this._handshakeReject = reject;
        });
        handshake.catch(ignore);
        const features = this._connection.features ??= {};
        await this._connection.start(this._protocol.transferFormat);
        try {
            // Version 2 brings stateful reconnect: a server without it may know version 1 only.
            await this._connection.send(handshakeRequest(this._protocol, features.reconnect ? this._protocol.version : 1));
            this._resetTimeout();
            this._resetKeepAlive();
            await handshake;
            if (this._stopDuringStartError) {
                throw this._stopDuringStartError;
            }
            if (features.reconnect) {
                const buffer = messageBuffer(this._protocol, this._connection, this._bufferSize);
                this._messageBuffer = buffer;
                features.disconnected = () => buffer._disconnected();
                features.resend = () => buffer._resend();
            }
            // As the official client does: the server may start its client timeout at the first Ping.
            if (!this._connection._transport?.inherentKeepAlive) {
                await this._connection.send(this._ping);
            }
        } catch (e) {
            this._clearTimers();
            await this._connection.stop(e);
            throw e;
        }
    }

    /** Disconnects; pending invocations fail, and a reconnect in progress ends. */
    async stop() {
        const starting = this._startPromise;
        const reconnecting = this._reconnectPromise;
        if (this._connection.features) {
            this._connection.features.reconnect = false;
        }
        this._stopPromise = this._stopInternal();
        await this._stopPromise;
        await Promise.all([starting?.catch(ignore), reconnecting]);
    }

    _stopInternal(error) {
        const state = this._state;
        if (state === DISCONNECTED) {
            return resolved();
        }
        if (state === DISCONNECTING) {
            return this._stopPromise;
        }
        this._state = DISCONNECTING;
        if (state === RECONNECTING) {
            // The lost connection has already ended: cut short the delay or the attempt, and close now.
            this._reconnectDelay?.();
            this._connection.stop();
            this._completeClose();
            return resolved();
        }
        if (state === CONNECTED) {
            this._connection.send(this._protocol.writeMessage({ type: CLOSE })).catch(ignore);
        }
        this._clearTimers();
        this._stopDuringStartError = error
            ?? new AbortError("The connection was stopped during the handshake.");
        return this._connection.stop(error);
    }

    /** Registers a handler for a method the server calls; names are matched case-insensitively. */
    on(methodName, newMethod) {
        if (!methodName || !newMethod) {
            return;
        }
        const key = methodName.toLowerCase();
        const handlers = this._handlers.get(key) ?? [];
        if (!handlers.includes(newMethod)) {
            handlers.push(newMethod);
        }
        this._handlers.set(key, handlers);
    }

    /** Removes one handler, or every handler of the method when none is given. */
    off(methodName, method) {
        if (!methodName) {
            return;
        }
        const key = methodName.toLowerCase();
        const handlers = this._handlers.get(key);
        if (handlers && method) {
            const index = handlers.indexOf(method);
            if (index >= 0) {
                handlers.splice(index, 1);
            }
        }
        if (!method || handlers?.length === 0) {
            this._handlers.delete(key);
        }
    }

    onclose(callback) {
        if (callback) {
            this._closedCallbacks.push(callback);
        }
    }

    onreconnecting(callback) {
        if (callback) {
            this._reconnectingCallbacks.push(callback);
        }
    }

    onreconnected(callback) {
        if (callback) {
            this._reconnectedCallbacks.push(callback);
        }
    }

    /** Calls a hub method and resolves with its result, or rejects with the server's error. */
    invoke(methodName, ...args) {
        return new Promise((resolve, reject) => call(this, INVOCATION, methodName, args, (message, error) => {
            if (error || message.type !== COMPLETION || message.error) {
                reject(error ?? failure(message.error ?? "Unexpected stream item."));
            } else {
                resolve(message.result);
            }
        }));
    }

    /** Calls a hub method without waiting for it to run; resolves once the call is sent. */
    send(methodName, ...args) {
        return call(this, INVOCATION, methodName, args);
    }

    /** Calls a streaming hub method; subscribe to the result, and dispose the subscription to cancel. */
    stream(methodName, ...args) {
        const subject = new Subject();
        const invocationId = call(this, STREAM_INVOCATION, methodName, args, (message, error) => {
            if (error || message.error) {
                subject.error(error ?? failure(message.error));
            } else if (message.type === STREAM_ITEM) {
                subject.next(message.item);
            } else {
                subject.complete();
            }
        });
        subject.cancelCallback = () => this._callbacks.delete(invocationId)
            ? this._sendMessage({ type: CANCEL_INVOCATION, invocationId })
            : resolved();
        return subject;
    }

    _newId() {
        return String(this._nextId++);
    }

    _sendMessage(message) {
        if (this._state !== CONNECTED) {
            return notConnected();
        }
        this._resetKeepAlive();
        return this._messageBuffer ? this._messageBuffer._send(message)
            : this._connection.send(this._protocol.writeMessage(message));
    }

    _receive(data) {
        this._resetTimeout();
        try {
            if (!this._handshakeDone) {
                const handshake = parseHandshakeResponse(join(this._received, data));
                if (!handshake) {
                    this._received = join(this._received, data);
                    return;
                }
                this._received = undefined;
                if (handshake.response.error) {
                    throw failure(`Server returned handshake error: ${handshake.response.error}`);
                }
                this._handshakeDone = true;
                this._handshakeResolve();
                data = handshake.rest;
            }
            if (this._protocol.transferFormat === TEXT && !isString(data)) {
                data = new TextDecoder().decode(data);
            }
            for (const message of this._protocol.parseMessages(data, this._logger)) {
                if (!this._messageBuffer || this._messageBuffer._shouldProcessMessage(message)) {
                    this._dispatch(message);
                }
            }
        } catch (e) {
            this._handshakeReject(e);
            this._connection.stop(e);
        }
    }

    _dispatch(message) {
        switch (message.type) {
        case INVOCATION:
            invokeClientMethod(this, message);
            break;
        case STREAM_ITEM:
        case COMPLETION: {
            const callback = this._callbacks.get(message.invocationId);
            if (callback) {
                if (message.type === COMPLETION) {
                    this._callbacks.delete(message.invocationId);
                }
                callback(message);
            }
            break;
        }
        case ACK:
            this._messageBuffer?._ack(message);
            break;
        case SEQUENCE:
            this._messageBuffer?._resetSequence(message);
            break;
        case CLOSE: {
            const error = message.error ? failure(`Server returned an error on close: ${message.error}`) : undefined;
            if (message.allowReconnect) {
                this._connection.stop(error);
            } else {
                this._stopPromise = this._stopInternal(error);
            }
        }
        // Pings only reset the server timeout, and later protocol versions may add types: both are ignored.
        }
    }

    /**
     * Whether the server timeout and the keep-alive apply: only while a transport is up that lacks a keep-alive
     * of its own, and the connection is not being stopped. A timer started after the end would keep Node
     * running until it fired, for nothing.
     */
    _timersApply() {
        const transport = this._connection._transport;
        return Boolean(transport) && !transport.inherentKeepAlive
            && this._state !== DISCONNECTED && this._state !== DISCONNECTING;
    }

    _resetTimeout() {
        clearTimeout(this._timeoutHandle);
        if (this._timersApply()) {
            this._timeoutHandle = setTimeout(() => this._connection.stop(
                failure("Server timeout elapsed without receiving a message from the server.")),
            this.serverTimeoutInMilliseconds);
        }
    }

    /** Pings the server when the client has sent nothing for a keep-alive interval. */
    _resetKeepAlive() {
        clearTimeout(this._pingHandle);
        if (this._timersApply()) {
            this._pingHandle = setTimeout(() => {
                if (this._state === CONNECTED) {
                    this._resetKeepAlive();
                    this._connection.send(this._ping).catch(ignore);
                }
            }, this.keepAliveIntervalInMilliseconds);
        }
    }

    _clearTimers() {
        clearTimeout(this._timeoutHandle);
        clearTimeout(this._pingHandle);
    }

    _connectionClosed(error) {
        this._handshakeReject?.(this._stopDuringStartError ?? error
            ?? failure("The connection closed during the handshake."));
        const canceled = error ?? failure("Invocation canceled due to the underlying connection being closed.");
        const callbacks = [...this._callbacks.values()];
        this._callbacks.clear();
        callbacks.forEach((callback) => callback(undefined, canceled));
        this._clearTimers();
        if (this._state === CONNECTED && this._reconnectPolicy) {
            this._reconnectPromise = reconnect(this, error);
        } else if (this._state === CONNECTED || this._state === DISCONNECTING) {
            this._completeClose(error);
        }
    }

    _completeClose(error) {
        if (this._started) {
            this._state = DISCONNECTED;
            this._started = false;
            this._disposeBuffer(error);
            this._run(this._closedCallbacks, error);
        }
    }

    /** Fails the sends that stateful reconnect's buffer still holds, and drops the buffer. */
    _disposeBuffer(error) {
        this._messageBuffer?._dispose(error ?? failure("Connection closed."));
        this._messageBuffer = undefined;
    }

    _run(callbacks, argument) {
        for (const callback of callbacks) {
            try {
                callback.call(this, argument);
            } catch (e) {
                this._logger.log(ERROR, `An event handler threw: ${e}`);
            }
        }
    }
}
