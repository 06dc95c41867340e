// The HTTP requests the client makes: the HttpClient family of @microsoft/signalr, the headers every request
// carries, and posting messages one batch at a time.
import { WARNING } from "./enums.js";
import { AbortError, HttpError, TimeoutError } from "./errors.js";
import { join } from "./protocol.js";
import { RUNTIME } from "./runtime.js";
import { isString } from "./util.js";

export { inNode } from "./runtime.js";

/** This client's version. */
export const VERSION = "0.1.0";

/** A response as an HttpClient gives it. */
export class HttpResponse {
    constructor(statusCode, statusText, content) {
        this.statusCode = statusCode;
        this.statusText = statusText;
        this.content = content;
    }
}

/** Makes the client's HTTP requests; subclass it and give it as the `httpClient` option to make them your way. */
export class HttpClient {
    get(url, options) {
        return this.send({ ...options, method: "GET", url });
    }

    post(url, options) {
        return this.send({ ...options, method: "POST", url });
    }

    delete(url, options) {
        return this.send({ ...options, method: "DELETE", url });
    }

    /** Cookies for the WebSocket upgrade in Node; a browser sends its own. */
    getCookieString() {
        return "";
    }
}

/** What each fetch of the client carries: upstream's X-Requested-With, no caching, and the credentials policy. */
const fetchInit = (method, withCredentials, headers, signal) => ({
    method,
    headers: { "X-Requested-With": "XMLHttpRequest", ...headers },
    signal,
    cache: "no-cache",
    credentials: withCredentials === false ? "same-origin" : "include",
});

/** The HttpClient used when none is given: fetch, with a timeout and an abort signal. */
export class DefaultHttpClient extends HttpClient {
    /** `fetch` is internal: Node's connection passes one that keeps cookies. */
    constructor(logger, fetch) {
        super();
        this._logger = logger;
        this._fetch = fetch;
    }

    async send(request) {
        if (request.abortSignal?.aborted) {
            throw new AbortError();
        }
        const controller = new AbortController();
        let error;
        const abort = (reason) => () => {
            error = reason;
            controller.abort();
        };
        // As upstream's: a signal of its AbortSignal shape has onabort only.
        if (request.abortSignal) {
            request.abortSignal.onabort = abort(new AbortError());
        }
        const timer = request.timeout && setTimeout(abort(new TimeoutError()), request.timeout);
        const content = request.content || undefined;
        let response;
        try {
            response = await (this._fetch ?? fetch)(request.url, {
                ...fetchInit(request.method, request.withCredentials, {
                    ...(content && {
                        "Content-Type": isString(content) ? "text/plain;charset=UTF-8"
                            : "application/octet-stream",
                    }),
                    ...request.headers,
                }, controller.signal),
                body: content,
            });
            if (!response.ok) {
                throw new HttpError(await response.text() || response.statusText, response.status);
            }
            const body = request.responseType === "arraybuffer" ? await response.arrayBuffer() : await response.text();
            return new HttpResponse(response.status, response.statusText, body);
        } catch (e) {
            if (error) {
                throw error;
            }
            this._logger?.log(WARNING, `Error from HTTP request. ${e}.`);
            throw e;
        } finally {
            clearTimeout(timer);
            if (request.abortSignal) {
                request.abortSignal.onabort = null;
            }
        }
    }
}

/** The user-agent header, as @microsoft/signalr's with our name (runtime.js). */
export const USER_AGENT = [
    RUNTIME[0], `Switchboard/${VERSION.split(".").slice(0, 2).join(".")} (${VERSION}; ${RUNTIME[1]})`,
];

/** The headers of every request: the user agent, the bearer token, then the headers option. */
export const requestHeaders = (options) => ({
    [USER_AGENT[0]]: USER_AGENT[1],
    ...(options._accessToken && { Authorization: `Bearer ${options._accessToken}` }),
    ...options.headers,
});

/**
 * Sends a request through the connection's HttpClient, with its headers, timeout and credentials policy. As
 * upstream's, a 401 answer (from an HttpClient that returns rather than throws it) is tried once more with a new
 * token, except for negotiate, which has just asked for one.
 */
export async function send(options, method, url, extra) {
    const client = options.httpClient ??= new DefaultHttpClient(undefined, options.fetch);
    const attempt = () => client.send({
        method, url, headers: requestHeaders(options), timeout: options.timeout,
        withCredentials: options.withCredentials, ...extra,
    });
    const response = await attempt();
    if (response.statusCode !== 401 || !options.accessTokenFactory || url.includes("/negotiate?")) {
        return response;
    }
    options._accessToken = await options.accessTokenFactory();
    return attempt();
}

/** A fetch with the connection's headers, for the event stream, which needs the response's body as a stream. */
export function request(options, method, url, { signal, accept } = {}) {
    return (options.fetch ?? fetch)(url,
        fetchInit(method, options.withCredentials, { ...requestHeaders(options), Accept: accept }, signal));
}

/** Throws an HttpError for an error status, carrying the server's reason when it gave one. */
export async function ensureOk(response) {
    if (!response.ok) {
        // A plain-text body is the server's reason; anything else (an HTML error page) is not worth showing.
        const plain = response.headers.get("content-type")?.startsWith("text/plain");
        const reason = plain ? (await response.text().catch(() => "")).trim() : "";
        throw new HttpError(reason || response.statusText || "Request failed", response.status);
    }
    return response;
}

/** The URL with one query parameter added. */
export function withQuery(url, name, value) {
    return `${url}${url.includes("?") ? "&" : "?"}${name}=${encodeURIComponent(value)}`;
}

/**
 * Sends messages over HTTP one POST at a time, in order, batching what arrives while a POST is in flight:
 * concurrent POSTs could reach the server out of order.
 */
export class SendQueue {
    _buffer = [];
    _waiting = [];
    _sending = false;

    constructor(post) {
        this._post = post;
    }

    send(data) {
        return new Promise((resolve, reject) => {
            this._buffer.push(data);
            this._waiting.push({ resolve, reject });
            if (!this._sending) {
                this._drain();
            }
        });
    }

    async _drain() {
        this._sending = true;
        while (this._buffer.length) {
            // One protocol per connection: all text, or all bytes.
            const data = this._buffer.reduce(join, undefined);
            const waiting = this._waiting;
            this._buffer = [];
            this._waiting = [];
            try {
                await this._post(data);
                waiting.forEach((w) => w.resolve());
            } catch (e) {
                waiting.forEach((w) => w.reject(e));
            }
        }
        this._sending = false;
    }
}
