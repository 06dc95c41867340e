// node.js for the minified browser build: a browser keeps cookies itself, and has its own WebSocket.

export const cookieJar = () => undefined;

export async function findWebSocket(options) {
    const WebSocket = options.WebSocket ?? globalThis.WebSocket;
    return WebSocket ? { WebSocket } : { missing: "there is no global WebSocket and no WebSocket option" };
}
