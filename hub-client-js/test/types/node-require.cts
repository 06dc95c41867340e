// Compiled by `npm run check`: a CommonJS program in Node resolves the package's "require" declarations by the
// package's own name, as a user's program would (the types of dist/switchboard.cjs).
import signalR = require("@switchboard/hub-client");
import msgpack = require("@switchboard/hub-client/msgpack");

const connection: signalR.HubConnection = new signalR.HubConnectionBuilder()
    .withUrl("http://localhost:8080/chat", {
        transport: signalR.HttpTransportType.WebSockets,
        headers: { "X-Tenant": "a" },
        accessTokenFactory: () => "token",
    })
    .configureLogging(signalR.LogLevel.Warning)
    .withHubProtocol(new msgpack.MessagePackHubProtocol())
    .build();
connection.on("message", (text: string) => console.log(text));
export = connection;
