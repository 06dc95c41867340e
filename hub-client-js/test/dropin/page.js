// A page's script written only against the documented API of @microsoft/signalr 10 (the global `signalR` of its
// browser script, with signalr-protocol-msgpack's `signalR.protocols.msgpack`). dropin.test.mjs runs it in Node,
// and DropInBrowserTest in Chromium, once with the official scripts and once with ours: the results must match.
globalThis.dropIn = async (base) => {
    const quiet = signalR.LogLevel.None;

    /** A third-party HttpClient: the client must make its requests through it. */
    class RecordingHttpClient extends signalR.HttpClient {
        constructor() {
            super();
            this.inner = new signalR.DefaultHttpClient(signalR.NullLogger.instance);
            this.methods = new Set();
        }

        send(request) {
            this.methods.add(request.method);
            return this.inner.send(request);
        }
    }

    const collect = (stream) => new Promise((resolve, reject) => {
        const items = [];
        stream.subscribe({ next: (item) => items.push(item), error: reject, complete: () => resolve(items) });
    });
    const failure = (promise) => promise.then(() => "no error", (e) => ({ message: e.message, errorType: e.errorType,
        statusCode: e.statusCode, http: e instanceof signalR.HttpError, timeout: e instanceof signalR.TimeoutError,
        abort: e instanceof signalR.AbortError }));

    /** Starts, calls, streams and stops over one transport and protocol, saying what each step gave. */
    async function session(transport, protocol, hub = "hub") {
        const httpClient = new RecordingHttpClient();
        const connection = new signalR.HubConnectionBuilder()
            .withUrl(`${base}/${hub}`, {
                transport: signalR.HttpTransportType[transport], httpClient, timeout: 20000, withCredentials: false,
                headers: { "X-Page": "drop-in" }, logMessageContent: false,
            })
            .withHubProtocol(protocol)
            .withStatefulReconnect({ bufferSize: 20000 })
            .withAutomaticReconnect([0, 1000])
            .withServerTimeout(30000)
            .withKeepAliveInterval(10000)
            .configureLogging(quiet)
            .build();
        const closed = new Promise((resolve) => connection.onclose((error) => resolve(error)));
        const started = await failure(connection.start());
        if (started !== "no error") {
            return { started };
        }
        const result = {
            state: connection.state,
            echo: await connection.invoke("echo", "héllo ✓"),
            sum: await connection.invoke("add", 2, 3),
            items: await collect(connection.stream("counter", 3)),
            failed: await failure(connection.invoke("fail", "nope")),
            sent: await connection.send("echo", "x"),
        };
        await connection.stop();
        result.closeArgument = String(await closed);
        result.stateAfter = connection.state;
        result.requests = [...httpClient.methods].sort();
        return result;
    }

    const results = {};
    for (const transport of ["WebSockets", "ServerSentEvents", "LongPolling"]) {
        results[`json ${transport}`] = await session(transport, new signalR.JsonHubProtocol());
    }
    for (const transport of ["WebSockets", "LongPolling"]) {
        results[`msgpack ${transport}`] = await session(transport,
            new signalR.protocols.msgpack.MessagePackHubProtocol());
    }
    // A hub that allows stateful reconnect: the handshake is version 2, and messages are numbered and acknowledged.
    results["stateful WebSockets"] = await session("WebSockets", new signalR.JsonHubProtocol(), "stateful");
    results.notFound = await failure(new signalR.HubConnectionBuilder().withUrl(`${base}/missing`)
        .configureLogging(quiet).build().start());
    results.skipNegotiationNeedsWebSockets = await failure(new signalR.HubConnectionBuilder()
        .withUrl(`${base}/hub`, { skipNegotiation: true, transport: signalR.HttpTransportType.LongPolling })
        .configureLogging(quiet).build().start());
    results.enums = [signalR.MessageType.Sequence, signalR.TransferFormat.Binary, signalR.HubConnectionState.Connected];
    return results;
};
