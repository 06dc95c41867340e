// Compiled by `npm run check`: every class and enum of @microsoft/signalr's index has one of ours that code typed
// against upstream's accepts: interfaces assignable, classes with every public member, so that a drop-in also type-checks.
import * as ours from "@switchboard/hub-client";
import * as upstream from "@microsoft/signalr";

type Accepts<Upstream, Ours extends Upstream> = [Upstream, Ours];
/** Upstream's classes have private members, which make them nominal: their public members are compared by name. */
type Has<Upstream, Ours> = Exclude<keyof Upstream, keyof Ours> extends never ? true : Exclude<keyof Upstream, keyof Ours>;
type True<T extends true> = T;

export type Classes = [
    True<Has<upstream.HubConnectionBuilder, ours.HubConnectionBuilder>>,
    True<Has<upstream.HubConnection, ours.HubConnection>>,
    True<Has<upstream.JsonHubProtocol, ours.JsonHubProtocol>>,
    True<Has<upstream.DefaultHttpClient, ours.DefaultHttpClient>>,
    True<Has<upstream.HttpError, ours.HttpError>>,
    True<Has<upstream.TimeoutError, ours.TimeoutError>>,
    True<Has<upstream.AbortError, ours.AbortError>>,
    True<Has<upstream.Subject<number>, ours.Subject<number>>>,
    Accepts<upstream.HttpClient, ours.HttpClient>,
    Accepts<upstream.HttpResponse, ours.HttpResponse>,
    Accepts<upstream.NullLogger, ours.NullLogger>,
    Accepts<upstream.IHubProtocol, ours.IHubProtocol>,
    Accepts<upstream.IHttpConnectionOptions, ours.IHttpConnectionOptions>,
    Accepts<upstream.IRetryPolicy, ours.IRetryPolicy>,
    Accepts<upstream.RetryContext, ours.RetryContext>,
    Accepts<upstream.IStreamResult<number>, ours.IStreamResult<number>>,
    Accepts<upstream.IStreamSubscriber<number>, ours.IStreamSubscriber<number>>,
    Accepts<upstream.ISubscription<number>, ours.ISubscription<number>>,
    Accepts<upstream.ILogger, ours.ILogger>,
    Accepts<upstream.ITransport, ours.ITransport>,
    Accepts<upstream.HttpRequest, ours.HttpRequest>,
    Accepts<upstream.IStatefulReconnectOptions, ours.IStatefulReconnectOptions>,
    Accepts<upstream.HubMessage, ours.HubMessage>,
    Accepts<upstream.AckMessage, ours.AckMessage>,
    Accepts<upstream.SequenceMessage, ours.SequenceMessage>,
    Accepts<upstream.MessageHeaders, ours.MessageHeaders>,
];

/** The same names and values in every enum. */
export const enums: Record<string, [object, object]> = {
    LogLevel: [upstream.LogLevel, ours.LogLevel],
    HttpTransportType: [upstream.HttpTransportType, ours.HttpTransportType],
    TransferFormat: [upstream.TransferFormat, ours.TransferFormat],
    MessageType: [upstream.MessageType, ours.MessageType],
    HubConnectionState: [upstream.HubConnectionState, ours.HubConnectionState],
};
const version: string = ours.VERSION;
console.log(version);
