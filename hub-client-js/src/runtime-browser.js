// runtime.js for the minified browser build, which is for a <script> in a page: a browser, never Node.
export const inNode = () => false;

export const RUNTIME = ["X-SignalR-User-Agent", "Unknown OS; Browser; Unknown Runtime Version"];
