package dev.switchboard.spring;

import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.ServerLimits;
import dev.switchboard.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code switchboard.*} configuration properties: every option of {@link HubServer.Builder} that a hub
 * host inside a servlet container has, {@link HubOptions} under {@code switchboard.hub.*} and the negotiate
 * limits of {@link ServerLimits} under {@code switchboard.limits.*}. The HTTP timeouts and socket limits of
 * {@code ServerLimits} are the container's ({@code server.tomcat.*}, {@code server.jetty.*}), as are the port and
 * TLS ({@code server.*}).
 */
@ConfigurationProperties("switchboard")
public class SwitchboardProperties {

    /** Whether the starter maps the @MapHub hubs at all. */
    private boolean enabled = true;

    /**
     * How long running hub calls may finish when the application stops, before their clients are told to go
     * anyway; zero tells every client at once. Stopping the hubs comes before the web server's graceful shutdown.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /** Threads that run hub methods (each connection's calls still run one at a time); 0 for the default, max(8, 2 x cores). */
    private int hubThreads;

    /** The most connections held at once; over it, negotiates and WebSocket upgrades get 503. 0 for no limit. */
    private int maxConnections;

    /**
     * The pages on other origins that may use the hubs, such as https://app.example.com, or * for any; by
     * default only pages of the application's own origin.
     */
    private List<String> allowedOrigins = new ArrayList<>();

    /** The cookie an access token may come in, when a custom Authenticator reads tokens; none by default. */
    private String accessTokenCookie;

    /** The options of every hub's connections. */
    private final Hub hub = new Hub();

    /** The limits on negotiates. */
    private final Limits limits = new Limits();

    /** {@return whether the starter maps the hubs} */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether the starter maps the hubs */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return how long running calls may finish at shutdown} */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /** @param shutdownTimeout how long running calls may finish at shutdown */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /** {@return the threads that run hub methods, 0 for the default} */
    public int getHubThreads() {
        return hubThreads;
    }

    /** @param hubThreads the threads that run hub methods, 0 for the default */
    public void setHubThreads(int hubThreads) {
        this.hubThreads = hubThreads;
    }

    /** {@return the most connections held at once, 0 for no limit} */
    public int getMaxConnections() {
        return maxConnections;
    }

    /** @param maxConnections the most connections held at once, 0 for no limit */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** {@return the other origins allowed} */
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    /** @param allowedOrigins the other origins allowed */
    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    /** {@return the access token's cookie, or null} */
    public String getAccessTokenCookie() {
        return accessTokenCookie;
    }

    /** @param accessTokenCookie the access token's cookie */
    public void setAccessTokenCookie(String accessTokenCookie) {
        this.accessTokenCookie = accessTokenCookie;
    }

    /** {@return the hubs' options} */
    public Hub getHub() {
        return hub;
    }

    /** {@return the negotiate limits} */
    public Limits getLimits() {
        return limits;
    }

    /** {@code switchboard.hub.*}: {@link HubOptions}, with SignalR's names and defaults. */
    public static class Hub {

        /** The server sends a Ping when it has sent nothing for this long. */
        private Duration keepAliveInterval = Duration.ofSeconds(15);

        /** A connection from which nothing arrives for this long is closed. */
        private Duration clientTimeoutInterval = Duration.ofSeconds(30);

        /** A transport that sends no complete handshake within this is closed. */
        private Duration handshakeTimeout = Duration.ofSeconds(15);

        /** The largest message accepted; a larger one closes the connection with an error. */
        private DataSize maximumReceiveMessageSize = DataSize.ofKilobytes(32);

        /** Whether error completions carry every exception's type and message, not only a HubException's. */
        private boolean enableDetailedErrors;

        /** A negotiated connection that no transport takes up within this expires. */
        private Duration disconnectTimeout = Duration.ofSeconds(15);

        /** Bytes that may wait to be written to one client; a client that lets more pile up is closed as too slow. */
        private DataSize maximumSendBufferSize = DataSize.ofMegabytes(1);

        /** Messages that may wait to be written to one client; a client that lets more pile up is closed as too slow. */
        private int maximumSendBufferMessages = 16384;

        /** Invocations of one connection that may wait to run; a client that sends more is closed with an error. */
        private int maximumPendingInvocations = 256;

        /** The transports clients may use: web-sockets, server-sent-events, long-polling. */
        private Set<Transport> transports = EnumSet.allOf(Transport.class);

        /** How long a long poll waits for data before it is answered empty. */
        private Duration longPollingPollTimeout = Duration.ofSeconds(90);

        /** Items of one client-to-server stream that may wait for the hub to consume them. */
        private int streamBufferCapacity = 1000;

        /** How long a client result may take before its future fails with a TimeoutException. */
        private Duration clientResultTimeout = Duration.ofSeconds(30);

        /** Whether negotiate offers stateful reconnect to clients that ask for it (withStatefulReconnect()). */
        private boolean allowStatefulReconnects;

        /** Bytes of sent messages a stateful connection keeps until the client acknowledges them. */
        private DataSize statefulReconnectBufferSize = DataSize.ofBytes(100_000);

        /** The hub protocols clients may choose: json, messagepack. */
        private Set<String> supportedProtocols = new LinkedHashSet<>(List.of(HubOptions.JSON, HubOptions.MESSAGEPACK));

        /** Calls of one connection that may run at once; the others wait in arrival order. */
        private int maximumParallelInvocationsPerClient = 1;

        /** Whether only @FromServices hub method parameters are beans, not every parameter of a bean's type. */
        private boolean disableImplicitFromServicesParameters;

        /** {@return the keep-alive interval} */
        public Duration getKeepAliveInterval() {
            return keepAliveInterval;
        }

        /** @param keepAliveInterval the keep-alive interval */
        public void setKeepAliveInterval(Duration keepAliveInterval) {
            this.keepAliveInterval = keepAliveInterval;
        }

        /** {@return the client timeout} */
        public Duration getClientTimeoutInterval() {
            return clientTimeoutInterval;
        }

        /** @param clientTimeoutInterval the client timeout */
        public void setClientTimeoutInterval(Duration clientTimeoutInterval) {
            this.clientTimeoutInterval = clientTimeoutInterval;
        }

        /** {@return the handshake timeout} */
        public Duration getHandshakeTimeout() {
            return handshakeTimeout;
        }

        /** @param handshakeTimeout the handshake timeout */
        public void setHandshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
        }

        /** {@return the largest message accepted} */
        public DataSize getMaximumReceiveMessageSize() {
            return maximumReceiveMessageSize;
        }

        /** @param maximumReceiveMessageSize the largest message accepted */
        public void setMaximumReceiveMessageSize(DataSize maximumReceiveMessageSize) {
            this.maximumReceiveMessageSize = maximumReceiveMessageSize;
        }

        /** {@return whether errors are detailed} */
        public boolean isEnableDetailedErrors() {
            return enableDetailedErrors;
        }

        /** @param enableDetailedErrors whether errors are detailed */
        public void setEnableDetailedErrors(boolean enableDetailedErrors) {
            this.enableDetailedErrors = enableDetailedErrors;
        }

        /** {@return the disconnect timeout} */
        public Duration getDisconnectTimeout() {
            return disconnectTimeout;
        }

        /** @param disconnectTimeout the disconnect timeout */
        public void setDisconnectTimeout(Duration disconnectTimeout) {
            this.disconnectTimeout = disconnectTimeout;
        }

        /** {@return the bytes that may wait for one client} */
        public DataSize getMaximumSendBufferSize() {
            return maximumSendBufferSize;
        }

        /** @param maximumSendBufferSize the bytes that may wait for one client */
        public void setMaximumSendBufferSize(DataSize maximumSendBufferSize) {
            this.maximumSendBufferSize = maximumSendBufferSize;
        }

        /** {@return the messages that may wait for one client} */
        public int getMaximumSendBufferMessages() {
            return maximumSendBufferMessages;
        }

        /** @param maximumSendBufferMessages the messages that may wait for one client */
        public void setMaximumSendBufferMessages(int maximumSendBufferMessages) {
            this.maximumSendBufferMessages = maximumSendBufferMessages;
        }

        /** {@return the invocations that may wait to run} */
        public int getMaximumPendingInvocations() {
            return maximumPendingInvocations;
        }

        /** @param maximumPendingInvocations the invocations that may wait to run */
        public void setMaximumPendingInvocations(int maximumPendingInvocations) {
            this.maximumPendingInvocations = maximumPendingInvocations;
        }

        /** {@return the transports enabled} */
        public Set<Transport> getTransports() {
            return transports;
        }

        /** @param transports the transports enabled */
        public void setTransports(Set<Transport> transports) {
            this.transports = transports;
        }

        /** {@return the long poll's timeout} */
        public Duration getLongPollingPollTimeout() {
            return longPollingPollTimeout;
        }

        /** @param longPollingPollTimeout the long poll's timeout */
        public void setLongPollingPollTimeout(Duration longPollingPollTimeout) {
            this.longPollingPollTimeout = longPollingPollTimeout;
        }

        /** {@return the items of a client stream that may wait} */
        public int getStreamBufferCapacity() {
            return streamBufferCapacity;
        }

        /** @param streamBufferCapacity the items of a client stream that may wait */
        public void setStreamBufferCapacity(int streamBufferCapacity) {
            this.streamBufferCapacity = streamBufferCapacity;
        }

        /** {@return the client result timeout} */
        public Duration getClientResultTimeout() {
            return clientResultTimeout;
        }

        /** @param clientResultTimeout the client result timeout */
        public void setClientResultTimeout(Duration clientResultTimeout) {
            this.clientResultTimeout = clientResultTimeout;
        }

        /** {@return whether clients may negotiate stateful reconnect} */
        public boolean isAllowStatefulReconnects() {
            return allowStatefulReconnects;
        }

        /** @param allowStatefulReconnects whether clients may negotiate stateful reconnect */
        public void setAllowStatefulReconnects(boolean allowStatefulReconnects) {
            this.allowStatefulReconnects = allowStatefulReconnects;
        }

        /** {@return the bytes of unacknowledged messages kept for a stateful connection} */
        public DataSize getStatefulReconnectBufferSize() {
            return statefulReconnectBufferSize;
        }

        /** @param statefulReconnectBufferSize the bytes of unacknowledged messages kept for a stateful connection */
        public void setStatefulReconnectBufferSize(DataSize statefulReconnectBufferSize) {
            this.statefulReconnectBufferSize = statefulReconnectBufferSize;
        }

        /** {@return the hub protocols clients may choose} */
        public Set<String> getSupportedProtocols() {
            return supportedProtocols;
        }

        /** @param supportedProtocols the hub protocols clients may choose */
        public void setSupportedProtocols(Set<String> supportedProtocols) {
            this.supportedProtocols = supportedProtocols;
        }

        /** {@return the calls of one connection that may run at once} */
        public int getMaximumParallelInvocationsPerClient() {
            return maximumParallelInvocationsPerClient;
        }

        /** @param maximumParallelInvocationsPerClient the calls of one connection that may run at once */
        public void setMaximumParallelInvocationsPerClient(int maximumParallelInvocationsPerClient) {
            this.maximumParallelInvocationsPerClient = maximumParallelInvocationsPerClient;
        }

        /** {@return whether only {@code @FromServices} parameters are beans} */
        public boolean isDisableImplicitFromServicesParameters() {
            return disableImplicitFromServicesParameters;
        }

        /** @param disableImplicitFromServicesParameters whether only {@code @FromServices} parameters are beans */
        public void setDisableImplicitFromServicesParameters(boolean disableImplicitFromServicesParameters) {
            this.disableImplicitFromServicesParameters = disableImplicitFromServicesParameters;
        }

        /** {@return these options as {@link HubOptions}} */
        public HubOptions toHubOptions() {
            return new HubOptions(keepAliveInterval, clientTimeoutInterval, handshakeTimeout,
                    Math.toIntExact(maximumReceiveMessageSize.toBytes()), enableDetailedErrors, disconnectTimeout,
                    Math.toIntExact(maximumSendBufferSize.toBytes()), maximumSendBufferMessages,
                    maximumPendingInvocations, transports, longPollingPollTimeout, streamBufferCapacity,
                    clientResultTimeout, allowStatefulReconnects,
                    Math.toIntExact(statefulReconnectBufferSize.toBytes()), supportedProtocols,
                    maximumParallelInvocationsPerClient, disableImplicitFromServicesParameters);
        }
    }

    /** {@code switchboard.limits.*}: the negotiate limits of {@link ServerLimits}. */
    public static class Limits {

        /**
         * A negotiated connection that no transport has taken up within this stops counting against
         * max-connections.
         */
        private Duration negotiateHoldTimeout = Duration.ofSeconds(5);

        /**
         * How many negotiates one client address may make each second before it is answered 429; 0 for no
         * limit. Behind a proxy every client has the proxy's address: leave it off there.
         */
        private int negotiatesPerSecondPerAddress;

        /** How many negotiates one address may make at once, within that rate; at least 1 with a rate. */
        private int negotiateBurstPerAddress;

        /** {@return the negotiate hold timeout} */
        public Duration getNegotiateHoldTimeout() {
            return negotiateHoldTimeout;
        }

        /** @param negotiateHoldTimeout the negotiate hold timeout */
        public void setNegotiateHoldTimeout(Duration negotiateHoldTimeout) {
            this.negotiateHoldTimeout = negotiateHoldTimeout;
        }

        /** {@return the negotiates a second per address, 0 for no limit} */
        public int getNegotiatesPerSecondPerAddress() {
            return negotiatesPerSecondPerAddress;
        }

        /** @param negotiatesPerSecondPerAddress the negotiates a second per address, 0 for no limit */
        public void setNegotiatesPerSecondPerAddress(int negotiatesPerSecondPerAddress) {
            this.negotiatesPerSecondPerAddress = negotiatesPerSecondPerAddress;
        }

        /** {@return the negotiate burst per address} */
        public int getNegotiateBurstPerAddress() {
            return negotiateBurstPerAddress;
        }

        /** @param negotiateBurstPerAddress the negotiate burst per address */
        public void setNegotiateBurstPerAddress(int negotiateBurstPerAddress) {
            this.negotiateBurstPerAddress = negotiateBurstPerAddress;
        }

        /** {@return these limits over {@link ServerLimits#defaults()}} */
        public ServerLimits toServerLimits() {
            return ServerLimits.defaults().withNegotiateHoldTimeout(negotiateHoldTimeout)
                    .withNegotiateRateLimit(negotiatesPerSecondPerAddress, negotiateBurstPerAddress);
        }
    }
}
