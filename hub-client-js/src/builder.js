// HubConnectionBuilder and the default reconnect policy.
import { failure } from "./errors.js";
import { HttpConnection } from "./http-connection.js";
import { HubConnection } from "./hub-connection.js";
import { createLogger } from "./logging.js";

const DEFAULT_RETRY_DELAYS = [0, 2000, 10000, 30000];

/** Waits the given delays in turn between reconnect attempts, then gives up. */
export class DefaultReconnectPolicy {
    constructor(retryDelays = DEFAULT_RETRY_DELAYS) {
        this._delays = [...retryDelays, null];
    }

    nextRetryDelayInMilliseconds(retryContext) {
        return this._delays[retryContext.previousRetryCount] ?? null;
    }
}

/** Configures and builds a HubConnection, as in @microsoft/signalr. */
export class HubConnectionBuilder {
    /** Sets the minimum level logged to the console, or a logger of your own ({@code log(level, message)}). */
    configureLogging(logging) {
        this._logger = createLogger(logging);
        return this;
    }

    /**
     * The hub's URL, relative to the page or absolute, and either a transport type (flags of
     * HttpTransportType) or connection options.
     */
    withUrl(url, transportTypeOrOptions) {
        if (!url) {
            throw failure("The 'url' argument is required.");
        }
        this._url = url;
        this._httpConnectionOptions = {
            ...this._httpConnectionOptions,
            ...(typeof transportTypeOrOptions === "object" ? transportTypeOrOptions : { transport: transportTypeOrOptions }),
        };
        return this;
    }

    /** The hub protocol: JsonHubProtocol by default, MessagePackHubProtocol, or any IHubProtocol. */
    withHubProtocol(protocol) {
        if (!protocol) {
            throw failure("The 'protocol' argument is required.");
        }
        this._protocol = protocol;
        return this;
    }

    /**
     * Resumes a dropped WebSocket without losing or repeating a message, when the server allows it; the
     * client keeps up to `bufferSize` bytes (100,000 by default) of unacknowledged messages meanwhile.
     */
    withStatefulReconnect(options) {
        this._httpConnectionOptions = { ...this._httpConnectionOptions, _useStatefulReconnect: true };
        this._statefulReconnectBufferSize = options?.bufferSize;
        return this;
    }

    /** Reconnects after a lost connection: with the default delays, the given ones, or a policy object. */
    withAutomaticReconnect(retryDelaysOrReconnectPolicy) {
        if (this._reconnectPolicy) {
            throw failure("A reconnectPolicy has already been set.");
        }
        this._reconnectPolicy = typeof retryDelaysOrReconnectPolicy?.nextRetryDelayInMilliseconds === "function"
            ? retryDelaysOrReconnectPolicy
            : new DefaultReconnectPolicy(retryDelaysOrReconnectPolicy);
        return this;
    }

    withServerTimeout(milliseconds) {
        this._serverTimeout = milliseconds;
        return this;
    }

    withKeepAliveInterval(milliseconds) {
        this._keepAliveInterval = milliseconds;
        return this;
    }

    build() {
        if (!this._url) {
            throw failure("The 'HubConnectionBuilder.withUrl' method must be called before building the connection.");
        }
        const options = this._httpConnectionOptions;
        const logger = options.logger !== undefined ? createLogger(options.logger) : this._logger ?? createLogger();
        const connection = new HubConnection(new HttpConnection(this._url, options, logger), logger,
            this._reconnectPolicy, this._protocol, this._statefulReconnectBufferSize);
        // Each name said once: the defaults stay unless a value (not null nor undefined) was given.
        if (this._serverTimeout != null) {
            connection.serverTimeoutInMilliseconds = this._serverTimeout;
        }
        if (this._keepAliveInterval != null) {
            connection.keepAliveIntervalInMilliseconds = this._keepAliveInterval;
        }
        return connection;
    }
}
