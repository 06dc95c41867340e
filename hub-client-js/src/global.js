// The entry of the minified build: the API as the global `signalR`, as @microsoft/signalr's browser build.
// A MessagePack script loaded after it adds signalR.protocols.msgpack.
import * as api from "./index.js";

globalThis.signalR = { ...globalThis.signalR, ...api };
