// Copied from types/switchboard.d.ts by scripts/build.mjs.
// Type declarations for @switchboard/hub-client: the API of @microsoft/signalr that this client implements.

/** How much the client logs. */
export declare enum LogLevel {
    Trace = 0,
    Debug = 1,
    Information = 2,
    Warning = 3,
    Error = 4,
    Critical = 5,
    None = 6,
}

/** Receives the client's log messages. */
export interface ILogger {
    log(logLevel: LogLevel, message: string): void;
}

/** A logger that drops everything. */
export declare class NullLogger implements ILogger {
    static instance: ILogger;
    log(logLevel: LogLevel, message: string): void;
}

/** The transports, as bit flags to combine. */
export declare enum HttpTransportType {
    None = 0,
    WebSockets = 1,
    ServerSentEvents = 2,
    LongPolling = 4,
}

/** The formats a transport can carry. */
export declare enum TransferFormat {
    Text = 1,
    Binary = 2,
}

/** The hub protocol's message types. */
export declare enum MessageType {
    Invocation = 1,
    StreamItem = 2,
    Completion = 3,
    StreamInvocation = 4,
    CancelInvocation = 5,
    Ping = 6,
    Close = 7,
}

/** Where a hub connection is in its life. */
export declare enum HubConnectionState {
    Disconnected = "Disconnected",
    Connecting = "Connecting",
    Connected = "Connected",
    Disconnecting = "Disconnecting",
    Reconnecting = "Reconnecting",
}

/**
 * A WebSocket constructor, for environments without a global one. In Node it is given
 * `{ headers }` as its second argument, as the `ws` package and Node's own WebSocket accept.
 */
export interface WebSocketConstructor {
    new (url: string, protocols?: string | string[], options?: any): WebSocket;
}

/** How the client connects. */
export interface IHttpConnectionOptions {
    /**
     * Custom headers for the HTTP requests (negotiate, polls, sends, the event stream) and, in Node, the
     * WebSocket upgrade; a browser cannot set headers on a WebSocket. A `Cookie` here replaces the cookies
     * the client keeps in Node.
     */
    headers?: Record<string, string>;
    /** The transports to use, as flags of HttpTransportType; by default every one the server offers. */
    transport?: HttpTransportType;
    /** A logger, or the minimum level to log to the console. */
    logger?: ILogger | LogLevel;
    /**
     * Supplies the access token: a Bearer header on HTTP requests and, in Node, on the WebSocket upgrade; in a
     * browser, `access_token` in the WebSocket URL.
     */
    accessTokenFactory?(): string | Promise<string>;
    /** Connects with WebSockets directly, skipping negotiate; requires `transport: WebSockets`. */
    skipNegotiation?: boolean;
    /**
     * Whether cross-site requests carry cookies in a browser; true by default. In Node the connection keeps
     * the cookies its server sets (name and value; Domain, Path, Secure, Expires and Max-Age are honoured)
     * and sends them on its later requests and on the WebSocket upgrade.
     */
    withCredentials?: boolean;
    /**
     * A WebSocket implementation. By default the global one; in Node without one (Node 20), the `ws`
     * package, an optional peer dependency, when it is installed.
     */
    WebSocket?: WebSocketConstructor;
    /** A fetch implementation, for environments without a global one. */
    fetch?: typeof fetch;
}

/** What a reconnect policy is told before each attempt. */
export interface RetryContext {
    readonly previousRetryCount: number;
    readonly elapsedMilliseconds: number;
    readonly retryReason: Error;
}

/** Decides whether and when to try reconnecting. */
export interface IRetryPolicy {
    /** The delay before the next attempt, or null to stop reconnecting. */
    nextRetryDelayInMilliseconds(retryContext: RetryContext): number | null;
}

/** Waits the given delays in turn (0, 2, 10 and 30 seconds by default), then gives up. */
export declare class DefaultReconnectPolicy implements IRetryPolicy {
    constructor(retryDelays?: (number | null)[]);
    nextRetryDelayInMilliseconds(retryContext: RetryContext): number | null;
}

/** Receives a stream's items. */
export interface IStreamSubscriber<T> {
    closed?: boolean;
    next(value: T): void;
    error(err: any): void;
    complete(): void;
}

/** Ends a subscription; disposing the last one cancels the stream on the server. */
export interface ISubscription<T> {
    dispose(): void;
}

/** A stream of items from the server. */
export interface IStreamResult<T> {
    subscribe(subscriber: IStreamSubscriber<T>): ISubscription<T>;
}

/** A stream the caller pushes; pass it as an argument to upload it to the server. */
export declare class Subject<T> implements IStreamResult<T> {
    constructor();
    next(item: T): void;
    error(err: any): void;
    complete(): void;
    subscribe(observer: IStreamSubscriber<T>): ISubscription<T>;
}

/** The only hub protocol this client speaks. */
export interface IHubProtocol {
    readonly name: string;
}

/** Configures and builds a HubConnection. */
export declare class HubConnectionBuilder {
    configureLogging(logLevel: LogLevel | string | ILogger): HubConnectionBuilder;
    withUrl(url: string, transportType?: HttpTransportType): HubConnectionBuilder;
    withUrl(url: string, options: IHttpConnectionOptions): HubConnectionBuilder;
    withHubProtocol(protocol: IHubProtocol): HubConnectionBuilder;
    withAutomaticReconnect(): HubConnectionBuilder;
    withAutomaticReconnect(retryDelays: number[]): HubConnectionBuilder;
    withAutomaticReconnect(reconnectPolicy: IRetryPolicy): HubConnectionBuilder;
    withServerTimeout(milliseconds: number): HubConnectionBuilder;
    withKeepAliveInterval(milliseconds: number): HubConnectionBuilder;
    build(): HubConnection;
}

/** A connection to one hub. */
export declare class HubConnection {
    /** The time without a message from the server after which the connection is lost; 30 s by default. */
    serverTimeoutInMilliseconds: number;
    /** How often the client pings when it has nothing else to send; 15 s by default. */
    keepAliveIntervalInMilliseconds: number;
    readonly state: HubConnectionState;
    /** The server's id for this connection; null until connected. */
    readonly connectionId: string | null;
    /** The transport in use ("WebSockets", "ServerSentEvents" or "LongPolling"); null when not connected. */
    readonly transport: string | null;
    /** The hub's URL; it can change only while disconnected or reconnecting. */
    baseUrl: string;
    start(): Promise<void>;
    stop(): Promise<void>;
    stream<T = any>(methodName: string, ...args: any[]): IStreamResult<T>;
    send(methodName: string, ...args: any[]): Promise<void>;
    invoke<T = any>(methodName: string, ...args: any[]): Promise<T>;
    /** Registers a handler for a method the server calls; what it returns answers a client-result call. */
    on(methodName: string, newMethod: (...args: any[]) => any): void;
    off(methodName: string): void;
    off(methodName: string, method: (...args: any[]) => any): void;
    onclose(callback: (error?: Error) => void): void;
    onreconnecting(callback: (error?: Error) => void): void;
    onreconnected(callback: (connectionId?: string) => void): void;
}

/** An HTTP request was answered with an error status. */
export declare class HttpError extends Error {
    statusCode: number;
    constructor(errorMessage: string, statusCode: number);
}

/** An operation was cut short because the connection was stopped. */
export declare class AbortError extends Error {
    constructor(errorMessage?: string);
}

/** This client's version. */
export declare const VERSION: string;

/** The global that the minified script defines, like @microsoft/signalr's browser build. */
export as namespace signalR;
