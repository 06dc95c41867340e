// One connection to a hub endpoint: negotiate, then the first transport that works, in the server's order.
import { AbortError, NOT_CONNECTED } from "./errors.js";
import { ensureOk, request, withQuery } from "./http.js";
import { LogLevel } from "./logging.js";
import { connectionOptions, TRANSPORTS } from "./node.js";
import { HttpTransportType } from "./transports.js";

const ALL_TRANSPORTS = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents
    | HttpTransportType.LongPolling;
const MAX_REDIRECTS = 100;

/** The name of a transport type, as negotiate spells it. */
const nameOf = (type) => Object.keys(HttpTransportType).find((name) => HttpTransportType[name] === type);

/**
 * Carries text to and from a hub. It calls onreceive(data) with what arrives, and onclose(error) once when a
 * connection that started ends.
 */
export class HttpConnection {
    constructor(url, options, logger) {
        this._baseUrl = url;
        this._options = connectionOptions(options);
        this._logger = logger;
        this.connectionId = undefined;
        this._transport = undefined;
        this._transportName = null;
        this.onreceive = null;
        this.onclose = null;
    }

    async start() {
        this._stopping = false;
        this._started = false;
        this._closeError = undefined;
        this._redirectToken = undefined;
        const url = new URL(this._baseUrl, globalThis.document?.baseURI).href;
        const requested = this._options.transport ?? ALL_TRANSPORTS;
        if (this._options.skipNegotiation) {
            if (requested !== HttpTransportType.WebSockets) {
                throw new Error("Negotiation can only be skipped with the WebSockets transport.");
            }
            await this._connect(HttpTransportType.WebSockets, url);
        } else {
            await this._negotiateAndConnect(url, requested);
        }
        if (!this._transport) {
            throw new Error("The transport closed while connecting.");
        }
        this._started = true;
    }

    /** Tries the server's transports in its order; after a failure, negotiates again for a fresh connection. */
    async _negotiateAndConnect(baseUrl, requested) {
        let { url, negotiation } = await this._negotiateFollowingRedirects(baseUrl);
        const errors = [];
        for (const { transport: name, transferFormats } of negotiation.availableTransports ?? []) {
            const type = HttpTransportType[name];
            if (!(requested & type) || !transferFormats?.includes("Text")) {
                errors.push(`${name} is disabled by the client.`);
            } else if (!TRANSPORTS[type].supported(this._options)) {
                errors.push(`${name} is not supported here.`);
            } else {
                try {
                    negotiation ??= await this._negotiate(url);
                    const id = negotiation.negotiateVersion > 0 ? negotiation.connectionToken : negotiation.connectionId;
                    await this._connect(type, withQuery(url, "id", id));
                    this.connectionId = negotiation.connectionId;
                    return;
                } catch (e) {
                    // A stop() aborts fetches with the platform's own AbortError: that is no transport failure.
                    this._throwIfStopping();
                    errors.push(`${name} failed: ${e}`);
                    this._logger.log(LogLevel.Warning, errors.at(-1));
                    negotiation = undefined;
                }
            }
        }
        throw new Error(`Unable to connect to the server with any of the available transports. ${errors.join(" ")}`);
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
        throw new Error("Negotiate redirection limit exceeded.");
    }

    async _negotiate(url) {
        await this._refreshToken();
        const address = new URL(url);
        address.pathname = address.pathname.replace(/\/?$/, "/negotiate");
        if (!address.searchParams.has("negotiateVersion")) {
            address.searchParams.append("negotiateVersion", "1");
        }
        let negotiation;
        try {
            negotiation = await (await ensureOk(await request(this._options, "POST", address.href))).json();
        } catch (e) {
            throw new Error(`Failed to complete negotiation with the server: ${e}`);
        }
        this._throwIfStopping();
        if (negotiation.error) {
            throw new Error(negotiation.error);
        }
        return negotiation;
    }

    async _connect(type, url) {
        await this._refreshToken();
        this._throwIfStopping();
        const transport = new TRANSPORTS[type](this._options, this._logger);
        transport.onreceive = (data) => this.onreceive?.(data);
        transport.onclose = (error) => this._transportClosed(transport, error);
        this._transport = transport;
        try {
            await transport.connect(url);
            this._throwIfStopping();
        } catch (e) {
            this._transport = undefined;
            await transport.stop();
            throw e;
        }
        this._transportName = nameOf(type);
        this._logger.log(LogLevel.Information, `Connected with ${this._transportName}.`);
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
        return this._transport?.send(data) ?? Promise.reject(new Error(NOT_CONNECTED));
    }

    /** Ends the connection; `error`, when given, is what onclose reports. */
    async stop(error) {
        this._stopping = true;
        this._closeError = error;
        await this._transport?.stop();
    }

    _transportClosed(transport, error) {
        if (transport !== this._transport) {
            return;
        }
        this._transport = undefined;
        this._transportName = null;
        if (this._started) {
            this._started = false;
            this.onclose?.(this._closeError ?? error);
        }
    }
}
