package dev.switchboard.spring;

import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.ServerLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

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

    /** Threads that run hub methods; 0 for the default, max(8, 2 x cores). */
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
    @NestedConfigurationProperty
    private final HubProperties hub = new HubProperties();

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
    public HubProperties getHub() {
        return hub;
    }

    /** {@return the negotiate limits} */
    public Limits getLimits() {
        return limits;
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
