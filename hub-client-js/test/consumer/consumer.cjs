// A user's CommonJS program: the packed package, installed in an empty folder, required in Node with no flags.
// The same steps as consumer.mjs.
const { HttpTransportType, HubConnectionBuilder, LogLevel } = require("@switchboard/hub-client");
const { MessagePackHubProtocol } = require("@switchboard/hub-client/msgpack");

async function main([url, name]) {
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
    await connection.start();
    const answer = await connection.invoke("greet", name);
    console.log(JSON.stringify({
        module: require.resolve("@switchboard/hub-client"), transport: connection.transport, answer,
        callBack: await calledBack, warnings, msgpack: new MessagePackHubProtocol().name,
    }));
    await connection.stop();
}

main(process.argv.slice(2)).catch((e) => console.log(JSON.stringify({ error: e.message })));
