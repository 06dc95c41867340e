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
    Ack = 8,
    Sequence = 9,
}

/** Headers of a hub message or an HTTP request. */
export interface MessageHeaders {
    [key: string]: string;
}

export type HubMessage = InvocationMessage | StreamInvocationMessage | StreamItemMessage | CompletionMessage
    | CancelInvocationMessage | PingMessage | CloseMessage | AckMessage | SequenceMessage;

export interface HubMessageBase {
    readonly type: MessageType;
}

export interface HubInvocationMessage extends HubMessageBase {
    readonly headers?: MessageHeaders;
    readonly invocationId?: string;
}

export interface InvocationMessage extends HubInvocationMessage {
    readonly type: MessageType.Invocation;
    readonly target: string;
    readonly arguments: any[];
    readonly streamIds?: string[];
}

export interface StreamInvocationMessage extends HubInvocationMessage {
    readonly type: MessageType.StreamInvocation;
    readonly invocationId: string;
    readonly target: string;
    readonly arguments: any[];
    readonly streamIds?: string[];
}

export interface StreamItemMessage extends HubInvocationMessage {
    readonly type: MessageType.StreamItem;
    readonly invocationId: string;
    readonly item?: any;
}

export interface CompletionMessage extends HubInvocationMessage {
    readonly type: MessageType.Completion;
    readonly invocationId: string;
    readonly error?: string;
    readonly result?: any;
}

export interface PingMessage extends HubMessageBase {
    readonly type: MessageType.Ping;
}

export interface CloseMessage extends HubMessageBase {
    readonly type: MessageType.Close;
    readonly error?: string;
    readonly allowReconnect?: boolean;
}

export interface CancelInvocationMessage extends HubInvocationMessage {
    readonly type: MessageType.CancelInvocation;
    readonly invocationId: string;
}

/** Stateful reconnect: the other side has every message up to sequenceId. */
export interface AckMessage extends HubMessageBase {
    readonly type: MessageType.Ack;
    readonly sequenceId: number;
}

/** Stateful reconnect: the messages that follow start at sequenceId. */
export interface SequenceMessage extends HubMessageBase {
    readonly type: MessageType.Sequence;
    readonly sequenceId: number;
}

/** A hub protocol: JsonHubProtocol, MessagePackHubProtocol, or one of your own. */
export interface IHubProtocol {
    readonly name: string;
    readonly version: number;
    readonly transferFormat: TransferFormat;
    parseMessages(input: string | ArrayBuffer, logger: ILogger): HubMessage[];
    writeMessage(message: HubMessage): string | ArrayBuffer;
}

/** The JSON hub protocol, the default. */
export declare class JsonHubProtocol implements IHubProtocol {
    readonly name: string;
    readonly version: number;
    readonly transferFormat: TransferFormat;
    parseMessages(input: string, logger: ILogger): HubMessage[];
    writeMessage(message: HubMessage): string;
}

/** A transport of your own, given as the `transport` option. */
export interface ITransport {
    connect(url: string, transferFormat: TransferFormat): Promise<void>;
    send(data: any): Promise<void>;
    stop(): Promise<void>;
    onreceive: ((data: string | ArrayBuffer) => void) | null;
    onclose: ((error?: Error) => void) | null;
}

/** What an HttpClient is given to abort a request, as upstream's (a platform AbortSignal fits). */
export interface AbortSignal {
    aborted: boolean;
    onabort: (() => void) | null;
}

/** An HTTP request the client makes. */
export interface HttpRequest {
    method?: string;
    url?: string;
    content?: string | ArrayBuffer;
    headers?: MessageHeaders;
    responseType?: XMLHttpRequestResponseType;
    abortSignal?: AbortSignal;
    /** Milliseconds until the request fails with TimeoutError. */
    timeout?: number;
    withCredentials?: boolean;
}

/** An HTTP response, as an HttpClient gives it. */
export declare class HttpResponse {
    readonly statusCode: number;
    readonly statusText?: string | undefined;
    readonly content?: string | ArrayBuffer | undefined;
    constructor(statusCode: number);
    constructor(statusCode: number, statusText: string);
    constructor(statusCode: number, statusText: string, content: string | ArrayBuffer);
}

/** Makes the client's HTTP requests: negotiate, polls, sends and the long-polling DELETE. */
export declare abstract class HttpClient {
    get(url: string, options?: HttpRequest): Promise<HttpResponse>;
    post(url: string, options?: HttpRequest): Promise<HttpResponse>;
    delete(url: string, options?: HttpRequest): Promise<HttpResponse>;
    abstract send(request: HttpRequest): Promise<HttpResponse>;
    getCookieString(url: string): string;
}

/** The HttpClient used when none is given: fetch, with the request's timeout and abort signal. */
export declare class DefaultHttpClient extends HttpClient {
    constructor(logger: ILogger);
    send(request: HttpRequest): Promise<HttpResponse>;
}

/** Options of withStatefulReconnect. */
export interface IStatefulReconnectOptions {
    /** The bytes of unacknowledged messages kept for resending; sends wait when it is full. 100,000 by default. */
    bufferSize: number;
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
    headers?: MessageHeaders;
    /** Makes the HTTP requests (negotiate, polls, sends); a DefaultHttpClient by default. */
    httpClient?: HttpClient;
    /** The transports to use, as flags of HttpTransportType (every one the server offers by default), or one of your own. */
    transport?: HttpTransportType | ITransport;
    /** A logger, or the minimum level to log to the console. */
    logger?: ILogger | LogLevel;
    /**
     * Supplies the access token: a Bearer header on HTTP requests and, in Node, on the WebSocket upgrade; in a
     * browser, `access_token` in the WebSocket URL.
     */
    accessTokenFactory?(): string | Promise<string>;
    /** Whether trace logs show message contents; false by default. */
    logMessageContent?: boolean;
    /** Milliseconds until negotiate or a send fails with TimeoutError; 100 s by default. */
    timeout?: number;
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
    /** Resumes a dropped WebSocket without losing a message, when the server allows it. */
    withStatefulReconnect(options?: IStatefulReconnectOptions): HubConnectionBuilder;
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

/** A request took longer than its timeout. */
export declare class TimeoutError extends Error {
    constructor(errorMessage?: string);
}

/** A transport the server offers cannot run here. */
export declare class UnsupportedTransportError extends Error {
    transport: HttpTransportType;
    errorType: "UnsupportedTransportError";
    constructor(message: string, transport: HttpTransportType);
}

/** A transport the server offers was left out by the `transport` option. */
export declare class DisabledTransportError extends Error {
    transport: HttpTransportType;
    errorType: "DisabledTransportError";
    constructor(message: string, transport: HttpTransportType);
}

/** A transport failed to connect. */
export declare class FailedToStartTransportError extends Error {
    transport: HttpTransportType;
    errorType: "FailedToStartTransportError";
    constructor(message: string, transport: HttpTransportType);
}

/** Negotiate failed or was refused. */
export declare class FailedToNegotiateWithServerError extends Error {
    errorType: "FailedToNegotiateWithServerError";
    constructor(message: string);
}

/** Every transport failed; innerErrors says why, one by one. */
export declare class AggregateErrors extends Error {
    innerErrors: Error[];
    constructor(message: string, innerErrors: Error[]);
}

/** This client's version. */
export declare const VERSION: string;

/** The global that the minified script defines, like @microsoft/signalr's browser build. */
export as namespace signalR;
