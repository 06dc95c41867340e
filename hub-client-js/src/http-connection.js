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

const ALL_TRANSPORTS = WEB_SOCKETS | SERVER_SENT_EVENTS
    | LONG_POLLING;
const MAX_REDIRECTS = 100;

/** The name of a transport type, as negotiate spells it. */
const nameOf = (type) => Object.keys(HttpTransportType).find((name) => HttpTransportType[name] === type);

/**
 * Carries text or bytes to and from a hub. It calls onreceive(data) with what arrives, and onclose(error) once
 * when a connection that started ends. `features` is shared with the HubConnection, as upstream's:
 * inherentKeepAlive, and for stateful reconnect `reconnect` and the hub's `disconnected()` and `resend()`.
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
        this._options = connectionOptions({ timeout: 100000, ...options });
        this._options.httpClient ??= new DefaultHttpClient(logger, this._options.fetch);
        this._logger = logger;
    }

    async start(transferFormat = TEXT) {
        this._stopping = false;
        this._started = false;
        this._closeError = undefined;
        this._redirectToken = undefined;
        this.features.reconnect = false;
        const url = new URL(this._baseUrl, globalThis.document?.baseURI).href;
        const requested = this._options.transport ?? ALL_TRANSPORTS;
        if (this._options.skipNegotiation) {
            if (requested !== WEB_SOCKETS) {
                throw failure("Negotiation can only be skipped when using the WebSocket transport directly.");
            }
            await this._connect(WEB_SOCKETS, url, transferFormat);
        } else {
            await this._negotiateAndConnect(url, requested, transferFormat);
        }
        if (!this._transport) {
            throw failure("The transport closed while connecting.");
        }
        this.features.inherentKeepAlive = this._transport.inherentKeepAlive;
        this._started = true;
    }

    /** Tries the server's transports in its order; after a failure, negotiates again for a fresh connection. */
    async _negotiateAndConnect(baseUrl, requested, format) {
        let { url, negotiation } = await this._negotiateFollowingRedirects(baseUrl);
        if (typeof requested === "object") {
            // A transport of the caller's own (ITransport), used as it is.
            await this._connect(requested, withQuery(url, "id", negotiation.connectionToken), format);
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
            } else if (!TRANSPORTS[type]._supported(this._options)) {
                error = new UnsupportedTransportError(`'${name}' is not supported in your environment.`, type);
            } else {
                try {
                    negotiation ??= await this._negotiate(url);
                    this.features.reconnect = type === WEB_SOCKETS && negotiation.useStatefulReconnect;
                    await this._connect(type, withQuery(url, "id", negotiation.connectionToken), format);
                    this.connectionId = negotiation.connectionId;
                    return;
                } catch (e) {
                    // A stop() aborts requests: that is no transport failure.
                    this._throwIfStopping();
                    this._logger.log(ERROR, `Failed to start the transport '${name}': ${e}`);
                    errors.push(new FailedToStartTransportError(`${name} failed: ${e}`, type));
                    negotiation = undefined;
                }
            }
            if (error) {
                this._logger.log(DEBUG, error.message);
                errors.push(`${name} failed:`, error);
            }
        }
        if (!errors.length) {
            throw failure("None of the transports supported by the client are supported by the server.");
        }
        // Worded as upstream's, whose errors all print as "Error: ...".
        const text = errors.map((e) => (typeof e === "string" ? e : `Error: ${e.message}`)).join(" ");
        throw new AggregateErrors(`Unable to connect to the server with any of the available transports. ${text}`,
            errors);
    }

    async _negotiateFollowingRedirects(url) {
        for (let redirects = 0; redirects < MAX_REDIRECTS; redirects++) {
            const negotiation = await this._negotiate(url);
            if (!negotiation.url) {
                return { url, negotiation };
            }
            url = negotiation.url;
            this._redirectToken = negotiation.accessToken ?? this._redirectToken;
        }
        throw failure("Negotiate redirection limit exceeded.");
    }

    async _negotiate(url) {
        await this._refreshToken();
        const address = new URL(url);
        address.pathname = address.pathname.replace(/\/?$/, "/negotiate");
        const query = address.searchParams;
        if (!query.has("negotiateVersion")) {
            query.append("negotiateVersion", "1");
        }
        if (query.has("useStatefulReconnect")) {
            this._options._useStatefulReconnect = query.get("useStatefulReconnect") === "true";
        } else if (this._options._useStatefulReconnect) {
            query.append("useStatefulReconnect", "true");
        }
        let negotiation;
        try {
            const response = await send(this._options, "POST", address.href, { content: "" });
            if (response.statusCode !== 200) {
                throw failure(`Unexpected status code returned from negotiate '${response.statusCode}'`);
            }
            negotiation = JSON.parse(response.content);
        } catch (e) {
            this._throwIfStopping();
            const hint = e instanceof HttpError && e.statusCode === 404
                ? " Either this is not a SignalR endpoint or there is a proxy blocking the connection." : "";
            throw new FailedToNegotiateWithServerError(`Failed to complete negotiation with the server: ${e}${hint}`);
        }
        this._throwIfStopping();
        if (negotiation.error) {
            throw failure(negotiation.error);
        }
        if (negotiation.ProtocolVersion) {
            throw failure("Detected a connection attempt to an ASP.NET SignalR Server. This client only supports "
                + "connecting to an ASP.NET Core SignalR Server. See https://aka.ms/signalr-core-differences for details.");
        }
        if (negotiation.useStatefulReconnect && !this._options._useStatefulReconnect) {
            throw new FailedToNegotiateWithServerError("Client didn't negotiate Stateful Reconnect but the server did.");
        }
        // Negotiate version 0 has no token: the id serves.
        negotiation.connectionToken ??= negotiation.connectionId;
        return negotiation;
    }

    async _connect(type, url, format) {
        await this._refreshToken();
        this._throwIfStopping();
        const transport = typeof type === "object" ? type : new TRANSPORTS[type](this._options, this._logger);
        transport.onreceive = (data) => this.onreceive?.(data);
        transport.onclose = (error) => this._transportClosed(transport, error, url, format);
        this._transport = transport;
        try {
            await transport.connect(url, format);
            this._throwIfStopping();
        } catch (e) {
            this._transport = undefined;
            await transport.stop();
            throw e;
        }
        this._transportName = nameOf(type) ?? null;
        this._logger.log(INFORMATION, `Connected with ${this._transportName}.`);
    }

    /** A redirect's token serves until the next start; otherwise the factory is asked before each step. */
    async _refreshToken() {
        this._options._accessToken = this._redirectToken ?? await this._options.accessTokenFactory?.();
    }

    _throwIfStopping() {
        if (this._stopping) {
            throw new AbortError("The connection was stopped while starting.");
        }
    }

    send(data) {
        return this._transport?.send(data) ?? notConnected();
    }

    /** Ends the connection; `error`, when given, is what onclose reports. */
    async stop(error) {
        this._stopping = true;
        this._closeError = error;
        await this._transport?.stop();
    }

    /**
     * With stateful reconnect, a socket that dropped (not one we stopped, nor a clean close) gets one new
     * socket to the same URL, with no negotiate nor handshake; the hub resends what the server lacks. When
     * that fails, the connection ends, and the hub's automatic reconnect, if any, takes over.
     */
    async _transportClosed(transport, error, url, format) {
        if (transport !== this._transport) {
            return;
        }
        if (error && this.features.reconnect && this._started && !this._stopping) {
            try {
                this._logger.log(INFORMATION, `Reconnecting the WebSocket after: ${error.message}`);
                this.features.disconnected();
                await this._refreshToken();
                await transport.connect(url, format);
                await this.features.resend();
                return;
            } catch (e) {
                this._logger.log(INFORMATION, `Reconnecting the WebSocket failed: ${e}`);
                this._transport = undefined;
                await transport.stop();
            }
        }
        this._transport = undefined;
        this._transportName = null;
        if (this._started) {
            this._started = false;
            this.onclose?.(this._closeError ?? error);
        }
    }
}
