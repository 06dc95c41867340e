// The three transports. Each moves text or bytes: connect(url, transferFormat), send(data), stop(), and it calls
// onreceive(data) for what arrives and onclose(error) exactly once when it ends.
import { BINARY, HttpTransportType, LONG_POLLING, SERVER_SENT_EVENTS, TRACE, WEB_SOCKETS } from "./enums.js";
import { failure, HttpError, notConnected, TimeoutError } from "./errors.js";
import { ensureOk, request, send, SendQueue, withQuery } from "./http.js";
import { isString, resolved } from "./util.js";

export { HttpTransportType } from "./enums.js";

/** How long a poll may wait for an answer before the next one goes out, as @microsoft/signalr's. */
const POLL_TIMEOUT = 100000;

/** What the trace log says about data: its size, and its content only when `logMessageContent` is on. */
export function dataDetail(data, logMessageContent) {
    if (isString(data)) {
        return `String data of length ${data.length}${logMessageContent ? `. Content: '${data}'` : ""}`;
    }
    const bytes = new Uint8Array(data);
    return `Binary data of length ${bytes.length}${logMessageContent
        ? `. Content: '${[...bytes].map((b) => `0x${b.toString(16).padStart(2, "0")}`).join(" ")}'` : ""}`;
}

/** The URL with the access token in its query, for the requests that cannot carry headers. */
const withToken = (url, { _accessToken }) => (_accessToken ? withQuery(url, "access_token", _accessToken) : url);

/** The name of a transport type, as negotiate spells it. */
export const nameOf = (type) => Object.keys(HttpTransportType).find((name) => HttpTransportType[name] === type);

class Transport {
    onreceive = null;
    onclose = null;
    _stopped = false;
    _ended = false;

    constructor(options, logger) {
        this._options = options;
        this._logger = logger;
    }

    _trace(what, data) {
        this._logger.log(TRACE, `(${nameOf(this.constructor._type)} transport) ${what} ${
            dataDetail(data, this._options.logMessageContent)}.`);
    }

    /**
     * Passes on what arrived, unless the transport has been stopped or has ended: what a read in progress
     * still brings (the rest of an event-stream chunk, a poll's body) is for nobody then, as for a WebSocket.
     */
    _deliver(data) {
        if (!this._stopped && !this._ended) {
            this._trace("data received.", data);
            this.onreceive?.(data);
        }
    }

    /** Reports the end once; an end we asked for is never an error. */
    _end(error) {
        if (!this._ended) {
            this._ended = true;
            this.onclose?.(this._stopped ? undefined : error);
        }
    }
}

/** A WebSocket; the browser's, or the constructor given as the `WebSocket` option. */
export class WebSocketTransport extends Transport {
    static _type = WEB_SOCKETS;

    static _supported = (options) => Boolean(options.WebSocket ?? globalThis.WebSocket);

    /** Also reconnects after an unclean drop, for stateful reconnect: then onclose has not been called. */
    connect(url) {
        this._ended = false;
        const address = withToken(url.replace(/^http/, "ws"), this._options);
        const Socket = this._options.WebSocket ?? globalThis.WebSocket;
        return new Promise((resolve, reject) => {
            const socket = new Socket(address);
            socket.binaryType = "arraybuffer";
            let opened = false;
            socket.onopen = () => {
                // A stop() while a stateful reconnect's socket was opening: that socket is for nobody.
                if (this._stopped) {
                    socket.close();
                    reject(failure("The connection was stopped."));
                    return;
                }
                opened = true;
                this._socket = socket;
                resolve();
            };
            socket.onmessage = (event) => this._deliver(event.data);
            const failed = () => reject(failure("WebSocket failed to connect."));
            // A refused upgrade may end with an error and no close event (Node's WebSocket does so).
            socket.onerror = () => {
                if (!opened) {
                    failed();
                }
            };
            socket.onclose = (event) => {
                if (!opened) {
                    failed();
                } else if (event.code === 1000) {
                    this._end();
                } else {
                    this._end(failure(
                        `WebSocket closed with status code: ${event.code} (${event.reason || "no reason given"}).`));
                }
            };
        });
    }

    send(data) {
        if (this._socket?.readyState !== 1) {
            return notConnected();
        }
        this._trace("sending data.", data);
        this._socket.send(data);
        return resolved();
    }

    stop() {
        this._stopped = true;
        if (this._socket) {
            this._socket.onclose = this._socket.onmessage = null;
            this._socket.close();
        }
        this._end();
        return resolved();
    }
}

/** Shared by the two HTTP transports: messages go up in POSTs, one at a time, through the HttpClient. */
class HttpTransport extends Transport {
    constructor(options, logger) {
        super(options, logger);
        this._abort = new AbortController();
        this._queue = new SendQueue((content) => {
            this._trace("sending data.", content);
            return send(this._options, "POST", this._url, {
                content, responseType: isString(content) ? "text" : "arraybuffer",
            });
        });
    }

    send(data) {
        if (this._ended) {
            return notConnected();
        }
        return this._queue.send(data);
    }
}

/**
 * Server-Sent Events read from a streamed fetch rather than EventSource, so that headers and the access
 * token go in the request just as for the other requests. Text only, as the protocol defines it.
 */
export class ServerSentEventsTransport extends HttpTransport {
    static _type = SERVER_SENT_EVENTS;

    static _supported = () => typeof ReadableStream !== "undefined";

    async connect(url, transferFormat) {
        if (transferFormat === BINARY) {
            throw failure("The Server-Sent Events transport only supports the 'Text' transfer format");
        }
        this._url = url;
        const response = await ensureOk(await request(this._options, "GET", withToken(url, this._options), {
            signal: this._abort.signal, accept: "text/event-stream",
        }));
        if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
            throw failure("The server did not send an event stream.");
        }
        this._read(response.body.getReader());
    }

    async _read(reader) {
        const decoder = new TextDecoder();
        let pending = "";
        let data = [];
        try {
            for (;;) {
                const { done, value } = await reader.read();
                if (done) {
                    break;
                }
                const lines = (pending + decoder.decode(value, { stream: true })).split("\n");
                pending = lines.pop();
                for (const raw of lines) {
                    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
                    if (line === "" && data.length) {
                        this._deliver(data.join("\n"));
                        data = [];
                    } else if (line.startsWith("data:")) {
                        data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
                    }
                }
            }
            this._end(failure("The server ended the event stream."));
        } catch (e) {
            this._end(e);
        }
    }

    stop() {
        this._stopped = true;
        this._abort.abort();
        this._end();
        return resolved();
    }
}

/** Long polling: a GET waits for messages, and the next one goes out when it returns. */
export class LongPollingTransport extends HttpTransport {
    static _type = LONG_POLLING;

    static _supported = () => true;

    /** Every poll answers within the server's poll timeout, so the server timeout adds nothing. */
    inherentKeepAlive = true;

    async connect(url, transferFormat) {
        this._url = url;
        this._responseType = transferFormat === BINARY ? "arraybuffer" : "text";
        const first = await this._poll();
        if (first.statusCode === 204) {
            throw failure("The server closed the connection.");
        }
        this._loop();
    }

    async _poll() {
        const response = await send(this._options, "GET", withQuery(this._url, "_", Date.now()), {
            abortSignal: this._abort.signal, timeout: POLL_TIMEOUT, responseType: this._responseType,
        });
        if (response.statusCode !== 200 && response.statusCode !== 204) {
            throw new HttpError(response.statusText || "", response.statusCode);
        }
        return response;
    }

    async _loop() {
        try {
            for (;;) {
                let response;
                try {
                    response = await this._poll();
                } catch (e) {
                    // A poll the network held past its timeout is no failure: the next one goes out.
                    if (e instanceof TimeoutError && !this._stopped) {
                        continue;
                    }
                    throw e;
                }
                if (response.statusCode === 204) {
                    this._end();
                    return;
                }
                const content = response.content;
                if (content && (content.length || content.byteLength)) {
                    this._deliver(content);
                }
            }
        } catch (e) {
            this._end(e);
        }
    }

    async stop() {
        if (this._stopped) {
            return;
        }
        this._stopped = true;
        this._abort.abort();
        try {
            await send(this._options, "DELETE", this._url);
        } catch {
            // The server drops the connection by itself once it stops hearing from us.
        }
        this._end();
    }
}

/** The transport classes by type. */
export const TRANSPORTS = {
    [WEB_SOCKETS]: WebSocketTransport,
    [SERVER_SENT_EVENTS]: ServerSentEventsTransport,
    [LONG_POLLING]: LongPollingTransport,
};
