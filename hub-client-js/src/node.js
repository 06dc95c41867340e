// What Node lacks that a browser gives the client: a WebSocket before Node 22, and cookies. The minified
// browser build has browser.js in this module's place, without either.
import { CookieJar } from "./cookies.js";

/**
 * Whether this is Node (or a runtime that poses as it), where fetch keeps no cookies and WebSockets take
 * headers. A page with Node beside it (Electron, jsdom) is a browser: it has a browser's cookies and WebSocket.
 */
export const inNode = () => typeof globalThis.process?.versions?.node === "string"
    && typeof globalThis.document === "undefined";

/** A connection's own cookie jar in Node; undefined in a browser, which keeps cookies itself. */
export const cookieJar = () => (inNode() ? new CookieJar() : undefined);

/**
 * Imports a package at run time, out of bundlers' sight: a browser build must never pull in `ws`, and one
 * without it installed must still build.
 */
const importAtRunTime = (name) => import(/* webpackIgnore: true */ /* @vite-ignore */ name);

/**
 * The WebSocket class to use: the `WebSocket` option, else the global one, else in Node the `ws` package,
 * an optional peer dependency, imported only now that a WebSocket is needed.
 *
 * @returns {Promise<{WebSocket?: Function, missing?: string}>} the class, or why there is none
 */
export async function findWebSocket(options, importModule = importAtRunTime) {
    const WebSocket = options.WebSocket ?? globalThis.WebSocket;
    if (WebSocket) {
        return { WebSocket };
    }
    if (!inNode()) {
        return { missing: "there is no global WebSocket and no WebSocket option" };
    }
    try {
        const ws = await importModule("ws");
        return { WebSocket: ws.default ?? ws.WebSocket };
    } catch (e) {
        return {
            missing: "this Node has no global WebSocket and the optional 'ws' package could not be loaded "
                + `(${e.message?.split("\n")[0] ?? e}): install it with 'npm install ws', or give the WebSocket option`,
        };
    }
}
