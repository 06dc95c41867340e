// A user's ES module: the packed package, installed in an empty folder, imported in Node with no flags.
// It connects over WebSockets alone, calls the hub, waits for its call back, and prints what happened as JSON;
// run by NpmPackageIT, which checks what the upgrade request carried.
import { HttpTransportType, HubConnectionBuilder, LogLevel } from "@switchboard/hub-client";
import { MessagePackHubProtocol } from "@switchboard/hub-client/msgpack";

const [url, name] = process.argv.slice(2);
const warnings = [];
const connection = new HubConnectionBuilder()
    .withUrl(url, {
        transport: HttpTransportType.WebSockets,
        headers: { "X-Consumer": name },
        accessTokenFactory: () => `token-${name}`,
    })
    .configureLogging({ log: (level, message) => level >= LogLevel.Warning && warnings.push(message) })
    .build();
const calledBack = new Promise((resolve) => connection.on("calledBack", resolve));
try {
    await connection.start();
    const answer = await connection.invoke("greet", name);
    console.log(JSON.stringify({
        module: import.meta.resolve("@switchboard/hub-client"), transport: connection.transport, answer,
        callBack: await calledBack, warnings, msgpack: new MessagePackHubProtocol().name,
    }));
    await connection.stop();
} catch (e) {
    console.log(JSON.stringify({ error: e.message, warnings }));
}
