// One connection to a hub endpoint: negotiate, then the first transport that works, in the server's order; with
// stateful reconnect, one new WebSocket after an unclean drop, before giving up on the connection.
import {
    DEBUG, ERROR, HttpTransportType, INFORMATION, LONG_POLLING, SERVER_SENT_EVENTS, TEXT, TransferFormat,
    WEB_SOCKETS,
} from "./enums.js";
import {
    AbortError, AggregateErrors, DisabledTransportError, FailedToNegotiateWithServerError,
    FailedToStartTransportError, failure, HttpError, notConnected, UnsupportedTransportError,
} from "./errors.js";
import { DefaultHttpClient, send, withQuery } from "./http.js";
import { connectionOptions, TRANSPORTS } from "./node.js";
import { nameOf } from "./transports.js";
import { isString } from "./util.js";

const ALL_TRANSPORTS = WEB_SOCKETS | SERVER_SENT_EVENTS
    | LONG_POLLING;
const MAX_REDIRECTS = 100;

/**
 * Carries text or bytes to and from a hub. It calls onreceive(data) with what arrives, and onclose(error) once
 * when a connection that started ends. `features` is shared with the HubConnection, as upstream's:
 * inherentKeepAlive, and for stateful reconnect `reconnect` and the hub's `disconnected()` and `resend()`.
 * What only the connection itself uses lives in the constructor's closure rather than in fields: the minified
 * script is smaller so.
 */
export class HttpConnection {
    features = {};
    connectionId;
    _transport;
    _transportName = null;
    onreceive = null;
    onclose = null;

    constructor(url, options, logger) {
        this._baseUrl = url;
        this._options = options = connectionOptions({ timeout: 100000, ...options });
        options.httpClient ??= new DefaultHttpClient(logger, options.fetch);
        this._logger = logger;
        let stopping;
        let started;
        let closeError;
        let redirectToken;

        const throwIfStopping = () => {
            if (stopping) {
                throw new AbortError("The connection was stopped while starting.");
            }
        };

        /** A redirect's token serves until the next start; otherwise the factory is asked before each step. */
        const refreshToken = async () => {
            options._accessToken = redirectToken ?? await options.accessTokenFactory?.();
        };

        const negotiate = async (url) => {
            await refreshToken();
            const address = new URL(url);
            address.pathname = address.pathname.replace(/\/?$/, "/negotiate");
            const query = address.searchParams;
            const version = "negotiateVersion";
            const stateful = "useStatefulReconnect";
            if (!query.has(version)) {
                query.append(version, "1");
            }
            if (query.has(stateful)) {
                options._useStatefulReconnect = query.get(stateful) === "true";
            } else if (options._useStatefulReconnect) {
                query.append(stateful, "true");
            }
            let negotiation;
            try {
                const response = await send(options, "POST", address.href, { content: "" });
                if (response.statusCode !== 200) {
                    throw failure(`Unexpected status code returned from negotiate '${response.statusCode}'`);
                }
                negotiation = JSON.parse(response.content);
            } catch (e) {
                throwIfStopping();
                const hint = e instanceof HttpError && e.statusCode === 404
                    ? " Either this is not a SignalR endpoint or there is a proxy blocking the connection." : "";
                throw new FailedToNegotiateWithServerError(
                    `Failed to complete negotiation with the server: ${e}${hint}`);
            }
            throwIfStopping();
            if (negotiation.error) {
                throw failure(negotiation.error);
            }
            if (negotiation.ProtocolVersion) {
                throw failure("Detected a connection attempt to an ASP.NET SignalR Server. This client only "
                    + "supports connecting to an ASP.NET Core SignalR Server. "
                    + "See https://aka.ms/signalr-core-differences for details.");
            }
            if (negotiation.useStatefulReconnect && !options._useStatefulReconnect) {
                throw new FailedToNegotiateWithServerError(
                    "Client didn't negotiate Stateful Reconnect but the server did.");
            }
            // Negotiate version 0 has no token: the id serves.
            negotiation.connectionToken ??= negotiation.connectionId;
            return negotiation;
        };

        /**
         * With stateful reconnect, a socket that dropped (not one we stopped, nor a clean close) gets one new
         * socket to the same URL, with no negotiate nor handshake; the hub resends what the server lacks. When
         * that fails, the connection ends, and the hub's automatic reconnect, if any, takes over.
         */
        const transportClosed = async (transport, error, url, format) => {
            if (transport !== this._transport) {
                return;
            }
            if (error && this.features.reconnect && started && !stopping) {
                try {
                    logger.log(INFORMATION, `Reconnecting the WebSocket after: ${error.message}`);
                    this.features.disconnected();
                    await refreshToken();
                    await transport.connect(url, format);
                    await this.features.resend();
                    return;
                } catch (e) {
                    logger.log(INFORMATION, `Reconnecting the WebSocket failed: ${e}`);
                    this._transport = undefined;
                    await transport.stop();
                }
            }
            this._transport = undefined;
            this._transportName = null;
            if (started) {
                started = false;
                this.onclose?.(closeError ?? error);
            }
        };

        const connect = async (type, url, format) => {
            await refreshToken();
            throwIfStopping();
            const transport = typeof type === "object" ? type : new TRANSPORTS[type](options, logger);
            transport.onreceive = (data) => this.onreceive?.(data);
            transport.onclose = (error) => transportClosed(transport, error, url, format);
            this._transport = transport;
            try {
                await transport.connect(url, format);
                throwIfStopping();
            } catch (e) {
                this._transport = undefined;
                await transport.stop();
                throw e;
            }
            this._transportName = nameOf(type) ?? null;
            logger.log(INFORMATION, `Connected with ${this._transportName}.`);
        };

        /** Tries the server's transports in its order; after a failure, negotiates again for a fresh connection. */
        const negotiateAndConnect = async (baseUrl, requested, format) => {
            let url = baseUrl;
            let negotiation;
            for (let redirects = 0; redirects < MAX_REDIRECTS && !negotiation; redirects++) {
                negotiation = await negotiate(url);
                if (negotiation.url) {
                    url = negotiation.url;
                    redirectToken = negotiation.accessToken ?? redirectToken;
                    negotiation = undefined;
                }
            }
            if (!negotiation) {
                throw failure("Negotiate redirection limit exceeded.");
            }
            if (typeof requested === "object") {
                // A transport of the caller's own (ITransport), used as it is.
                await connect(requested, withQuery(url, "id", negotiation.connectionToken), format);
                this.connectionId = negotiation.connectionId;
                return;
            }
            const errors = [];
            const formatName = Object.keys(TransferFormat)[format - 1];
            for (const { transport: name, transferFormats } of negotiation.availableTransports ?? []) {
                const type = HttpTransportType[name];
                let error;
                if (!type) {
                    error = failure(`Skipping transport '${name}' because it is not supported by this client.`);
                } else if (!(requested & type)) {
                    error = new DisabledTransportError(`'${name}' is disabled by the client.`, type);
                } else if (!transferFormats?.includes(formatName)) {
                    error = failure(`'${name}' does not support ${formatName}.`);
                } else if (!TRANSPORTS[type]._supported(options)) {
                    error = new UnsupportedTransportError(`'${name}' is not supported in your environment.`, type);
                } else {
                    try {
                        negotiation ??= await negotiate(url);
                        this.features.reconnect = type === WEB_SOCKETS && negotiation.useStatefulReconnect;
                        await connect(type, withQuery(url, "id", negotiation.connectionToken), format);
                        this.connectionId = negotiation.connectionId;
                        return;
                    } catch (e) {
                        // A stop() aborts requests: that is no transport failure.
                        throwIfStopping();
                        logger.log(ERROR, `Failed to start the transport '${name}': ${e}`);
                        errors.push(new FailedToStartTransportError(`${name} failed: ${e}`, type));
                        negotiation = undefined;
                    }
                }
                if (error) {
                    logger.log(DEBUG, error.message);
                    errors.push(`${name} failed:`, error);
                }
            }
            if (!errors.length) {
                throw failure("None of the transports supported by the client are supported by the server.");
            }
            // Worded as upstream's, whose errors all print as "Error: ...".
            const text = errors.map((e) => (isString(e) ? e : `Error: ${e.message}`)).join(" ");
            throw new AggregateErrors(
                `Unable to connect to the server with any of the available transports. ${text}`, errors);
        };

        this.start = async (transferFormat = TEXT) => {
            stopping = started = false;
            closeError = redirectToken = undefined;
            this.features.reconnect = false;
            const url = new URL(this._baseUrl, globalThis.document?.baseURI).href;
            const requested = options.transport ?? ALL_TRANSPORTS;
            if (options.skipNegotiation) {
                if (requested !== WEB_SOCKETS) {
                    throw failure("Negotiation can only be skipped when using the WebSocket transport directly.");
                }
                await connect(WEB_SOCKETS, url, transferFormat);
            } else {
                await negotiateAndConnect(url, requested, transferFormat);
            }
            if (!this._transport) {
                throw failure("The transport closed while connecting.");
            }
            this.features.inherentKeepAlive = this._transport.inherentKeepAlive;
            started = true;
        };

        this.send = (data) => this._transport?.send(data) ?? notConnected();

        /** Ends the connection; `error`, when given, is what onclose reports. */
        this.stop = async (error) => {
            stopping = true;
            closeError = error;
            await this._transport?.stop();
        };
    }
}
