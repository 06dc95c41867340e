// What Node lacks that a browser gives the client: a WebSocket before Node 22, cookies, and headers on the
// WebSocket upgrade. The minified browser build has browser.js in this module's place, without any of it.
import { CookieJar } from "./cookies.js";
import { WEB_SOCKETS } from "./enums.js";
import { failure } from "./errors.js";
import { inNode, requestHeaders } from "./http.js";
import { TRANSPORTS as EVERYWHERE, WebSocketTransport } from "./transports.js";

/**
 * Imports a package at run time, out of bundlers' sight: a browser build must never pull in `ws`, and one
 * without it installed must still build.
 */
const importAtRunTime = (name) => import(/* webpackIgnore: true */ /* @vite-ignore */ name);

/**
 * The WebSocket class to use: the `WebSocket` option, else the global one, else the `ws` package, an optional
 * peer dependency, imported only now that a WebSocket is needed (`options._importModule` is how tests stand in
 * for the import).
 *
 * @throws {Error} saying what to install, when there is none
 */
export async function findWebSocket(options) {
    const WebSocket = options.WebSocket ?? globalThis.WebSocket;
    if (WebSocket) {
        return WebSocket;
    }
    try {
        const ws = await (options._importModule ?? importAtRunTime)("ws");
        return ws.default ?? ws.WebSocket;
    } catch (e) {
        throw failure("WebSockets needs the optional 'ws' package in this Node, which has no global WebSocket: "
            + `install it with 'npm install ws', or give the WebSocket option (${e.message?.split("\n")[0] ?? e}).`);
    }
}

/**
 * The WebSocket transport in Node: it finds the WebSocket class when it connects, and the upgrade carries the
 * token, the connection's cookies and the headers option, as with @microsoft/signalr. ws and Node's own
 * WebSocket take {headers} in place of the protocols.
 */
export class NodeWebSocketTransport extends WebSocketTransport {
    /** Without a WebSocket class, connect() fails saying what to install: never a silent fallback. */
    static _supported = () => true;

    async connect(url) {
        const Socket = this._options.WebSocket ??= await findWebSocket(this._options);
        const address = url.replace(/^http/, "ws");
        const cookie = this._options._cookies.header(address);
        const headers = { ...(cookie && { Cookie: cookie }), ...requestHeaders(this._options) };
        // The browser's transport opens `new WebSocket(url)`, with the token in the URL: here it gets a class
        // that adds the headers, and no token.
        this._options = {
            ...this._options,
            _accessToken: undefined,
            WebSocket: class extends Socket {
                constructor(target) {
                    super(target, { headers });
                }
            },
        };
        return super.connect(url);
    }
}

/** The transport classes by type: in Node, its own WebSocket transport. */
export const TRANSPORTS = inNode() ? { ...EVERYWHERE, [WEB_SOCKETS]: NodeWebSocketTransport }
    : EVERYWHERE;

/**
 * A connection's own copy of its options. In Node it has a cookie jar, which its fetch fills from the
 * responses and empties into the requests, as a browser does.
 */
export function connectionOptions(options) {
    if (!inNode()) {
        return { ...options };
    }
    const cookies = new CookieJar();
    const send = options.fetch ?? globalThis.fetch;
    return {
        ...options,
        _cookies: cookies,
        fetch: async (url, init) => {
            const cookie = cookies.header(url);
            // A Cookie in the headers option comes last, so it replaces the jar's.
            const response = await send(url, cookie ? { ...init, headers: { Cookie: cookie, ...init.headers } } : init);
            cookies.store(url, response.headers);
            return response;
        },
    };
}
