// The HTTP requests the client makes: negotiate, long polls, and posting messages.
import { HttpError } from "./errors.js";

/**
 * Makes a request with the connection's headers, access token and credentials policy.
 *
 * @param {object} options the connection options: headers, withCredentials, and the current accessToken
 * @returns {Promise<Response>} the response, whatever its status
 */
export function request(options, method, url, { body, signal, accept } = {}) {
    const headers = { ...options.headers };
    if (options._accessToken) {
        headers.Authorization = `Bearer ${options._accessToken}`;
    }
    if (body !== undefined) {
        headers["Content-Type"] = "text/plain;charset=UTF-8";
    }
    if (accept) {
        headers.Accept = accept;
    }
    return (options.fetch ?? fetch)(url, {
        method,
        headers,
        body,
        signal,
        cache: "no-store",
        credentials: options.withCredentials === false ? "same-origin" : "include",
    });
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
    constructor(post) {
        this._post = post;
        this._buffer = "";
        this._waiting = [];
        this._sending = false;
    }

    send(data) {
        return new Promise((resolve, reject) => {
            this._buffer += data;
            this._waiting.push({ resolve, reject });
            if (!this._sending) {
                this._drain();
            }
        });
    }

    async _drain() {
        this._sending = true;
        while (this._buffer) {
            const data = this._buffer;
            const waiting = this._waiting;
            this._buffer = "";
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
