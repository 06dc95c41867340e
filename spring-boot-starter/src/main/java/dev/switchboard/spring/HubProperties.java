package dev.switchboard.spring;

import dev.switchboard.HubOptions;
import dev.switchboard.Transport;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.util.unit.DataSize;

/** {@code switchboard.hub.*}: {@link HubOptions}, with SignalR's names and defaults. */
public class HubProperties {

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
