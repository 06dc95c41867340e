// A connection to a hub: the handshake, invocations, streams, client methods, keep-alive and reconnecting.
import { AbortError, NOT_CONNECTED } from "./errors.js";
import { LogLevel } from "./logging.js";
import { MessageBuffer } from "./message-buffer.js";
import {
    handshakeRequest, join, JsonHubProtocol, MessageType, parseHandshakeResponse, TransferFormat,
} from "./protocol.js";
import { Subject } from "./subject.js";

/** Where a hub connection is in its life. */
export const HubConnectionState = Object.freeze({
    Disconnected: "Disconnected",
    Connecting: "Connecting",
    Connected: "Connected",
    Disconnecting: "Disconnecting",
    Reconnecting: "Reconnecting",
});

const isStream = (value) => typeof value?.subscribe === "function";

/** A connection to one hub; build it with HubConnectionBuilder. */
export class HubConnection {
    constructor(connection, logger, reconnectPolicy, protocol = new JsonHubProtocol(), statefulReconnectBufferSize = 100000) {
        this.serverTimeoutInMilliseconds = 30000;
        this.keepAliveIntervalInMilliseconds = 15000;
        this._connection = connection;
        this._logger = logger;
        this._reconnectPolicy = reconnectPolicy;
        this._protocol = protocol;
        this._bufferSize = statefulReconnectBufferSize;
        this._ping = protocol.writeMessage({ type: MessageType.Ping });
        this._handlers = new Map();
        this._callbacks = new Map();
        this._closedCallbacks = [];
        this._reconnectingCallbacks = [];
        this._reconnectedCallbacks = [];
        this._state = HubConnectionState.Disconnected;
        this._started = false;
        this._nextId = 0;
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
        if (this._state !== HubConnectionState.Disconnected && this._state !== HubConnectionState.Reconnecting) {
            throw new Error("The url can change only while disconnected or reconnecting.");
        }
        this._connection._baseUrl = url;
    }

    /** Connects, negotiating a transport and completing the hub handshake. */
    start() {
        this._startPromise = this._startWithStateTransitions();
        return this._startPromise;
    }

    async _startWithStateTransitions() {
        if (this._state !== HubConnectionState.Disconnected) {
            throw new Error("Cannot start a HubConnection that is not in the 'Disconnected' state.");
        }
        this._state = HubConnectionState.Connecting;
        try {
            await this._startInternal();
            this._state = HubConnectionState.Connected;
            this._started = true;
        } catch (e) {
            this._state = HubConnectionState.Disconnected;
            throw e;
        }
    }

    async _startInternal() {
        this._stopDuringStartError = undefined;
        this._received = undefined;
        this._messageBuffer?._dispose(new Error("Connection closed."));
        this._messageBuffer = undefined;
        this._handshakeDone = false;
        const handshake = new Promise((resolve, reject) => {
            this._handshakeResolve = resolve;
            this._handshakeReject = reject;
        });
        handshake.catch(() => {});
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
                const buffer = new MessageBuffer(this._protocol, this._connection, this._bufferSize);
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
        await Promise.all([starting?.catch(() => {}), reconnecting]);
    }

    _stopInternal(error) {
        const state = this._state;
        if (state === HubConnectionState.Disconnected) {
            return Promise.resolve();
        }
        if (state === HubConnectionState.Disconnecting) {
            return this._stopPromise;
        }
        this._state = HubConnectionState.Disconnecting;
        if (state === HubConnectionState.Reconnecting) {
            // The lost connection has already ended: cut short the delay or the attempt, and close now.
            this._reconnectDelay?.();
            this._connection.stop();
            this._completeClose();
            return Promise.resolve();
        }
        if (state === HubConnectionState.Connected) {
            this._connection.send(this._protocol.writeMessage({ type: MessageType.Close })).catch(() => {});
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
        return new Promise((resolve, reject) => this._call(MessageType.Invocation, methodName, args, (message, error) => {
            if (error || message.type !== MessageType.Completion || message.error) {
                reject(error ?? new Error(message.error ?? "Unexpected stream item."));
            } else {
                resolve(message.result);
            }
        }));
    }

    /** Calls a hub method without waiting for it to run; resolves once the call is sent. */
    send(methodName, ...args) {
        return this._call(MessageType.Invocation, methodName, args);
    }

    /** Calls a streaming hub method; subscribe to the result, and dispose the subscription to cancel. */
    stream(methodName, ...args) {
        const subject = new Subject();
        const invocationId = this._call(MessageType.StreamInvocation, methodName, args, (message, error) => {
            if (error || message.error) {
                subject.error(error ?? new Error(message.error));
            } else if (message.type === MessageType.StreamItem) {
                subject.next(message.item);
            } else {
                subject.complete();
            }
        });
        subject.cancelCallback = () => this._callbacks.delete(invocationId)
            ? this._sendMessage({ type: MessageType.CancelInvocation, invocationId })
            : Promise.resolve();
        return subject;
    }

    /**
     * Sends an invocation; stream arguments are taken out of `args` and uploaded as they produce items.
     * With a `callback(message, error)` for the answers, returns the invocation id; without, the send's promise.
     */
    _call(type, target, args, callback) {
        const streams = args.filter(isStream);
        const message = { type, target, arguments: args.filter((arg) => !isStream(arg)) };
        const streamIds = streams.map(() => this._newId());
        if (streamIds.length) {
            message.streamIds = streamIds;
        }
        const invocationId = callback && (message.invocationId = this._newId());
        if (callback) {
            this._callbacks.set(invocationId, callback);
        }
        const sent = this._sendMessage(message);
        sent.catch((e) => this._callbacks.delete(invocationId) && callback(undefined, e));
        streams.forEach((stream, i) => {
            const upload = (item) => this._sendMessage({ invocationId: streamIds[i], ...item }).catch((e) =>
                this._logger.log(LogLevel.Error, `Uploading a stream failed: ${e}`));
            stream.subscribe({
                next: (item) => upload({ type: MessageType.StreamItem, item }),
                error: (e) => upload({ type: MessageType.Completion, error: e?.message ?? `${e}` }),
                complete: () => upload({ type: MessageType.Completion }),
            });
        });
        return callback ? invocationId : sent;
    }

    _newId() {
        return String(this._nextId++);
    }

    _sendMessage(message) {
        if (this._state !== HubConnectionState.Connected) {
            return Promise.reject(new Error(NOT_CONNECTED));
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
                    throw new Error(`Server returned handshake error: ${handshake.response.error}`);
                }
                this._handshakeDone = true;
                this._handshakeResolve();
                data = handshake.rest;
            }
            if (this._protocol.transferFormat === TransferFormat.Text && typeof data !== "string") {
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
        case MessageType.Invocation:
            this._invokeClientMethod(message);
            break;
        case MessageType.StreamItem:
        case MessageType.Completion: {
            const callback = this._callbacks.get(message.invocationId);
            if (callback) {
                if (message.type === MessageType.Completion) {
                    this._callbacks.delete(message.invocationId);
                }
                callback(message);
            }
            break;
        }
        case MessageType.Ack:
            this._messageBuffer?._ack(message);
            break;
        case MessageType.Sequence:
            this._messageBuffer?._resetSequence(message);
            break;
        case MessageType.Close: {
            const error = message.error ? new Error(`Server returned an error on close: ${message.error}`) : undefined;
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
     * Runs the handlers in order, without waiting for them unless the server asked for a result: then it
     * answers with the first value a handler returns or resolves with, or with the first error.
     */
    async _invokeClientMethod({ target, arguments: args = [], invocationId }) {
        const handlers = [...(this._handlers.get(String(target).toLowerCase()) ?? [])];
        if (!handlers.length) {
            this._logger.log(LogLevel.Warning, `No client method with the name '${target}' found.`);
        }
        let answer;
        const fail = (e) => {
            this._logger.log(LogLevel.Error, `The handler of '${target}' threw: ${e}`);
            answer = { error: `${e}` };
        };
        for (const handler of handlers) {
            try {
                const value = handler.apply(this, args);
                if (!invocationId) {
                    Promise.resolve(value).catch(fail);
                } else {
                    const result = await value;
                    if (result !== undefined) {
                        answer ??= { result };
                    }
                }
            } catch (e) {
                fail(e);
            }
        }
        if (invocationId) {
            this._sendMessage({
                type: MessageType.Completion, invocationId, ...(answer ?? { error: "Client didn't provide a result." }),
            }).catch(() => {});
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
            && this._state !== HubConnectionState.Disconnected && this._state !== HubConnectionState.Disconnecting;
    }

    _resetTimeout() {
        clearTimeout(this._timeoutHandle);
        if (this._timersApply()) {
            this._timeoutHandle = setTimeout(() => this._connection.stop(
                new Error("Server timeout elapsed without receiving a message from the server.")),
            this.serverTimeoutInMilliseconds);
        }
    }

    /** Pings the server when the client has sent nothing for a keep-alive interval. */
    _resetKeepAlive() {
        clearTimeout(this._pingHandle);
        if (this._timersApply()) {
            this._pingHandle = setTimeout(() => {
                if (this._state === HubConnectionState.Connected) {
                    this._resetKeepAlive();
                    this._connection.send(this._ping).catch(() => {});
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
            ?? new Error("The connection closed during the handshake."));
        this._failCallbacks(error ?? new Error("Invocation canceled due to the underlying connection being closed."));
        this._clearTimers();
        if (this._state === HubConnectionState.Disconnecting) {
            this._completeClose(error);
        } else if (this._state === HubConnectionState.Connected && this._reconnectPolicy) {
            this._reconnectPromise = this._reconnect(error);
        } else if (this._state === HubConnectionState.Connected) {
            this._completeClose(error);
        }
    }

    _failCallbacks(error) {
        const callbacks = [...this._callbacks.values()];
        this._callbacks.clear();
        callbacks.forEach((callback) => callback(undefined, error));
    }

    _completeClose(error) {
        if (this._started) {
            this._state = HubConnectionState.Disconnected;
            this._started = false;
            this._messageBuffer?._dispose(error ?? new Error("Connection closed."));
            this._messageBuffer = undefined;
            this._run(this._closedCallbacks, error);
        }
    }

    /** Follows the reconnect policy until a start succeeds, the policy gives up, or stop() is called. */
    async _reconnect(error) {
        const startedAt = Date.now();
        let attempts = 0;
        let reason = error ?? new Error("The connection was lost.");
        let delay = this._nextDelay(attempts, 0, reason);
        if (delay === null) {
            this._completeClose(error);
            return;
        }
        this._state = HubConnectionState.Reconnecting;
        this._logger.log(LogLevel.Information, `Reconnecting: ${reason.message}`);
        this._run(this._reconnectingCallbacks, error);
        while (delay !== null) {
            if (this._state !== HubConnectionState.Reconnecting) {
                return;
            }
            await new Promise((resolve) => {
                const handle = setTimeout(resolve, delay);
                this._reconnectDelay = () => {
                    clearTimeout(handle);
                    resolve();
                };
            });
            this._reconnectDelay = undefined;
            if (this._state !== HubConnectionState.Reconnecting) {
                return;
            }
            try {
                await this._startInternal();
                this._state = HubConnectionState.Connected;
                this._logger.log(LogLevel.Information, "Reconnected.");
                this._run(this._reconnectedCallbacks, this._connection.connectionId);
                return;
            } catch (e) {
                this._logger.log(LogLevel.Information, `Reconnecting failed: ${e.message}`);
                if (this._state !== HubConnectionState.Reconnecting) {
                    if (this._state === HubConnectionState.Disconnecting) {
                        this._completeClose();
                    }
                    return;
                }
                reason = e;
            }
            delay = this._nextDelay(++attempts, Date.now() - startedAt, reason);
        }
        this._logger.log(LogLevel.Information, "Reconnecting gave up.");
        this._completeClose(reason);
    }

    _nextDelay(previousRetryCount, elapsedMilliseconds, retryReason) {
        try {
            return this._reconnectPolicy.nextRetryDelayInMilliseconds({
                previousRetryCount, elapsedMilliseconds, retryReason,
            }) ?? null;
        } catch (e) {
            this._logger.log(LogLevel.Error, `The retry policy threw: ${e}`);
            return null;
        }
    }

    _run(callbacks, argument) {
        for (const callback of callbacks) {
            try {
                callback.call(this, argument);
            } catch (e) {
                this._logger.log(LogLevel.Error, `An event handler threw: ${e}`);
            }
        }
    }
}
