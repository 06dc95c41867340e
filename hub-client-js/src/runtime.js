// Which runtime this is, for the user agent and for what Node lacks. The minified browser build has
// runtime-browser.js in this module's place.

/**
 * Whether this is Node (or a runtime that poses as it), where fetch keeps no cookies and WebSockets take
 * headers. A page with Node beside it (Electron, jsdom) is a browser: it has a browser's cookies and WebSocket.
 */
export const inNode = () => typeof globalThis.process?.versions?.node === "string"
    && typeof globalThis.document === "undefined";

/**
 * The user-agent header's name and what its value says after the client's version, in @microsoft/signalr's format:
 * User-Agent in Node, where it can be set, X-SignalR-User-Agent in a browser.
 */
export const RUNTIME = inNode()
    ? ["User-Agent", `${{ win32: "Windows NT", darwin: "macOS", linux: "Linux" }[process.platform] ?? process.platform
    }; NodeJS; ${process.versions.node}`]
    : ["X-SignalR-User-Agent", "Unknown OS; Browser; Unknown Runtime Version"];
