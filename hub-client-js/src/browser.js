// node.js for the minified browser build: a browser keeps cookies itself, has its own WebSocket, and sets no
// headers on it.
export { TRANSPORTS } from "./transports.js";

export const connectionOptions = (options) => ({ ...options });
