// Compiled by `npm run check`: the declarations describe the whole public API, as a page written for
// @microsoft/signalr uses it.
import {
    AbortError, DefaultReconnectPolicy, HttpError, HttpTransportType, HubConnection, HubConnectionBuilder,
    HubConnectionState, IRetryPolicy, IStreamResult, LogLevel, MessageType, NullLogger, Subject, TransferFormat,
    VERSION,
} from "@switchboard/hub-client";

const policy: IRetryPolicy = {
    nextRetryDelayInMilliseconds: ({ previousRetryCount, elapsedMilliseconds, retryReason }) =>
        previousRetryCount < 3 && elapsedMilliseconds < 60_000 && retryReason instanceof Error ? 1000 : null,
};

const connection: HubConnection = new HubConnectionBuilder()
    .withUrl("/chat", {
        transport: HttpTransportType.WebSockets | HttpTransportType.LongPolling,
        skipNegotiation: false,
        accessTokenFactory: async () => "token",
        headers: { "X-Tenant": "a" },
        withCredentials: false,
        logger: LogLevel.Warning,
    })
    .withAutomaticReconnect(policy)
    .configureLogging("warn")
    .withServerTimeout(30_000)
    .withKeepAliveInterval(15_000)
    .build();

new HubConnectionBuilder().withUrl("/chat", HttpTransportType.LongPolling).withAutomaticReconnect([0, 1000]).build();
new HubConnectionBuilder().withUrl("/chat").withAutomaticReconnect().configureLogging(NullLogger.instance).build();
new DefaultReconnectPolicy([0, 2000]);

async function use(): Promise<void> {
    await connection.start();
    const state: HubConnectionState = connection.state;
    const id: string | null = connection.connectionId;
    const transport: string | null = connection.transport;
    connection.serverTimeoutInMilliseconds = 60_000;
    connection.keepAliveIntervalInMilliseconds = 20_000;
    connection.baseUrl = "/other";

    const handler = (user: string, text: string) => console.log(user, text, state, id, transport);
    connection.on("message", handler);
    connection.off("message", handler);
    connection.off("message");
    connection.on("confirm", (question: string) => question.length > 0);

    const sum: number = await connection.invoke<number>("add", 1, 2);
    await connection.send("notify", sum);

    const items: IStreamResult<number> = connection.stream<number>("counter", 10);
    const subscription = items.subscribe({
        next: (value: number) => console.log(value),
        error: (err: Error) => console.error(err),
        complete: () => console.log("done"),
    });
    subscription.dispose();

    const upload = new Subject<string>();
    await connection.send("upload", upload);
    upload.next("a");
    upload.complete();

    connection.onclose((error?: Error) => console.log(error?.message));
    connection.onreconnecting((error?: Error) => console.log(error?.message));
    connection.onreconnected((connectionId?: string) => console.log(connectionId));
    await connection.stop();
}

const errors: Error[] = [new HttpError("Not Found", 404), new AbortError()];
const status: number = (errors[0] as HttpError).statusCode;
const numbers: number[] = [MessageType.Invocation, TransferFormat.Text, status, LogLevel.Critical];
const version: string = VERSION;
export { use, numbers, version };
