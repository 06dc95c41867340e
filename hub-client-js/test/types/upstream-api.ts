// Written only against @microsoft/signalr 10's documented API. `npm run check` compiles it twice: against the
// official packages (tsconfig.upstream.json), and with those names mapped to our declarations
// (tsconfig.dropin.json), so that code written for the official client compiles against ours unchanged.
import * as signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

class LoggingHttpClient extends signalR.HttpClient {
    constructor(private readonly inner: signalR.HttpClient) {
        super();
    }

    send(request: signalR.HttpRequest): Promise<signalR.HttpResponse> {
        const headers: signalR.MessageHeaders = { ...request.headers, "X-Trace": "1" };
        return this.inner.send({ ...request, headers });
    }
}

const logger: signalR.ILogger = { log: (level: signalR.LogLevel, message: string) => console.log(level, message) };
const options: signalR.IHttpConnectionOptions = {
    transport: signalR.HttpTransportType.WebSockets | signalR.HttpTransportType.LongPolling,
    httpClient: new LoggingHttpClient(new signalR.DefaultHttpClient(logger)),
    headers: { "X-Tenant": "a" },
    accessTokenFactory: () => "token",
    withCredentials: false,
    timeout: 5000,
    logMessageContent: true,
    skipNegotiation: false,
    logger: signalR.LogLevel.Warning,
};
const reconnect: signalR.IStatefulReconnectOptions = { bufferSize: 50_000 };
const policy: signalR.IRetryPolicy = {
    nextRetryDelayInMilliseconds: (context: signalR.RetryContext) => (context.previousRetryCount < 3 ? 1000 : null),
};

const json: signalR.IHubProtocol = new signalR.JsonHubProtocol();
const msgpack: signalR.IHubProtocol = new MessagePackHubProtocol({ ignoreUndefined: true });
const connection: signalR.HubConnection = new signalR.HubConnectionBuilder()
    .withUrl("/hub", options)
    .withHubProtocol(Math.random() > 0.5 ? json : msgpack)
    .withStatefulReconnect(reconnect)
    .withAutomaticReconnect(policy)
    .withServerTimeout(60_000)
    .withKeepAliveInterval(15_000)
    .configureLogging(signalR.NullLogger.instance)
    .build();
new signalR.HubConnectionBuilder().withUrl("/hub").withStatefulReconnect().build();

connection.onclose((error?: Error) => console.log(error));
connection.onreconnecting((error?: Error) => console.log(error));
connection.onreconnected((connectionId?: string) => console.log(connectionId));

async function use(): Promise<void> {
    try {
        await connection.start();
    } catch (e) {
        if (e instanceof signalR.HttpError) {
            console.log(e.statusCode);
        } else if (e instanceof signalR.TimeoutError || e instanceof signalR.AbortError) {
            console.log(e.message);
        }
    }
    const state: signalR.HubConnectionState = connection.state;
    const stream: signalR.IStreamResult<number> = connection.stream<number>("counter", 10);
    const subscriber: signalR.IStreamSubscriber<number> = {
        next: (item: number) => console.log(item, state),
        error: (err: any) => console.log(err),
        complete: () => console.log("done"),
    };
    const subscription: signalR.ISubscription<number> = stream.subscribe(subscriber);
    subscription.dispose();
    const upload = new signalR.Subject<string>();
    await connection.send("upload", upload);
    upload.complete();
    const message: signalR.HubMessage = { type: signalR.MessageType.Sequence, sequenceId: 1 };
    const ack: signalR.AckMessage = { type: signalR.MessageType.Ack, sequenceId: 1 };
    const written: string | ArrayBuffer = json.writeMessage(message);
    const parsed: signalR.HubMessage[] = json.parseMessages(written, logger);
    const response = new signalR.HttpResponse(200, "OK", "body");
    console.log(ack, parsed, response.statusCode, signalR.VERSION, signalR.TransferFormat.Binary);
}
use();
