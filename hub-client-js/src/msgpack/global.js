// The entry of the minified MessagePack build: signalR.protocols.msgpack.MessagePackHubProtocol, as upstream's
// script, whichever of the two scripts loads first.
import { MessagePackHubProtocol } from "./index.js";

const signalR = (globalThis.signalR ??= {});
(signalR.protocols ??= {}).msgpack = { MessagePackHubProtocol };
