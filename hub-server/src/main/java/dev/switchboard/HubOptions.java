package dev.switchboard;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Limits and timeouts of a hub's connections, with SignalR's names and defaults. Immutable; start from
 * {@link #defaults()} and change what you need: {@code HubOptions.defaults().withEnableDetailedErrors(true)}.
 *
 * @param keepAliveInterval the server sends a Ping when it has sent nothing for this long (15 s); a connection
 *        handler's event stream gets a comment instead
 * @param clientTimeoutInterval a connection from which nothing arrives for this long is closed (30 s)
 * @param handshakeTimeout a transport that sends no complete handshake within this is closed (15 s)
 * @param maximumReceiveMessageSize the largest message accepted, in bytes; a larger one closes the
 *        connection with an error (32 KB). Within it JSON may nest 64 levels deep, as System.Text.Json
 *        allows, and a number may have 1,000 characters; deeper or longer closes the connection too
 * @param enableDetailedErrors when true, error completions carry the exception's type and message,
 *        not only for {@link HubException} (false)
 * @param disconnectTimeout a negotiated connection that no transport takes up within this expires, and a stateful
 *        connection whose WebSocket dropped waits this long for its client to resume it (15 s)
 * @param maximumSendBufferSize bytes that may wait to be written to one client; a client that lets more
 *        pile up is closed as too slow (1 MiB). Streams never are: each pauses while 64 KiB, or half
 *        of this when that is less, waits
 * @param maximumSendBufferMessages messages that may wait to be written to one client; a client that lets
 *        more pile up is closed as too slow (16,384). Each waiting message costs some 50 bytes of bookkeeping
 *        besides its own, which the byte bound does not see: without this, a flood of tiny messages would
 *        hold several times {@code maximumSendBufferSize}. The default keeps that overhead below the default
 *        byte bound, and messages of 64 bytes or more meet the byte bound first. Streams pause while half of
 *        this waits
 * @param maximumPendingInvocations invocations of one connection that may wait to run while
 *        {@code maximumParallelInvocationsPerClient} of them run; a client that sends more is closed with an
 *        error (256)
 * @param transports the transports clients may use (all three)
 * @param longPollingPollTimeout how long a poll waits for data before it is answered empty (90 s)
 * @param streamBufferCapacity items of one client-to-server stream that may wait for the hub to consume
 *        them; a client that sends more ends that stream with an error (1,000)
 * @param clientResultTimeout how long a client result may take before its future fails with a
 *        {@link java.util.concurrent.TimeoutException} (30 s)
 * @param allowStatefulReconnects whether negotiate offers stateful reconnect to clients that ask for it, as
 *        ASP.NET Core's {@code AllowStatefulReconnects}: a WebSocket that drops without a close is then kept
 *        for {@code disconnectTimeout}, and a client that comes back with the same token within it resumes the
 *        same connection with nothing lost or repeated (false)
 * @param statefulReconnectBufferSize bytes of sent messages a stateful connection keeps until the client
 *        acknowledges them, to send again after a reconnect; a message past it closes the connection as too slow,
 *        with a Close that allows reconnecting, rather than make the sender wait as ASP.NET Core does (100,000)
 * @param supportedProtocols the hub protocols clients may choose in the handshake, by name: {@value #JSON}
 *        and {@value #MESSAGEPACK} (both)
 * @param maximumParallelInvocationsPerClient calls of one connection that may run at once, as ASP.NET Core's
 *        {@code MaximumParallelInvocationsPerClient}: the others wait in arrival order, and completions may come in
 *        any order. A streaming method, or one taking uploads, holds its place only until it has returned, and a
 *        call gives its place up as it asks a client for a result, as in ASP.NET Core (1)
 * @param disableImplicitFromServicesParameters when true, only parameters marked {@link FromServices} are
 *        supplied by the container; otherwise so is any parameter whose type the container has a service for, as
 *        ASP.NET Core's {@code DisableImplicitFromServicesParameters} (false)
 */
public record HubOptions(Duration keepAliveInterval, Duration clientTimeoutInterval, Duration handshakeTimeout,
                         int maximumReceiveMessageSize, boolean enableDetailedErrors, Duration disconnectTimeout,
                         int maximumSendBufferSize, int maximumSendBufferMessages, int maximumPendingInvocations,
                         Set<Transport> transports, Duration longPollingPollTimeout, int streamBufferCapacity,
                         Duration clientResultTimeout, boolean allowStatefulReconnects,
                         int statefulReconnectBufferSize, Set<String> supportedProtocols,
                         int maximumParallelInvocationsPerClient,
                         boolean disableImplicitFromServicesParameters) {

    /** The name of the JSON hub protocol. */
    public static final String JSON = "json";

    /** The name of the MessagePack hub protocol. */
    public static final String MESSAGEPACK = "messagepack";

    /**
     * Checks the options: every duration and size must be positive, and at least one transport enabled. Start
     * from {@link #defaults()} rather than from here, where every option must be given.
     *
     * @param keepAliveInterval how long the server waits, having sent nothing, before it sends a Ping
     * @param clientTimeoutInterval how long a connection may send nothing before it is closed
     * @param handshakeTimeout how long a transport may take to send its handshake
     * @param maximumReceiveMessageSize the largest message accepted, in bytes
     * @param enableDetailedErrors whether error completions carry every exception's type and message
     * @param disconnectTimeout how long a negotiated connection waits for a transport to take it up
     * @param maximumSendBufferSize bytes that may wait to be written to one client
     * @param maximumSendBufferMessages messages that may wait to be written to one client
     * @param maximumPendingInvocations invocations of one connection that may wait to run
     * @param transports the transports clients may use
     * @param longPollingPollTimeout how long a poll waits for data
     * @param streamBufferCapacity items of one client-to-server stream that may wait for the hub
     * @param clientResultTimeout how long a client result may take
     * @param allowStatefulReconnects whether clients may negotiate stateful reconnect
     * @param statefulReconnectBufferSize bytes of unacknowledged messages kept for a stateful connection
     * @param supportedProtocols the hub protocols clients may choose, by name
     * @param maximumParallelInvocationsPerClient calls of one connection that may run at once
     * @param disableImplicitFromServicesParameters whether only {@link FromServices} parameters are services
     * @throws IllegalArgumentException naming the first option out of range
     */
    public HubOptions {
        positive(keepAliveInterval, "keepAliveInterval");
        positive(clientTimeoutInterval, "clientTimeoutInterval");
        positive(handshakeTimeout, "handshakeTimeout");
        positive(disconnectTimeout, "disconnectTimeout");
        positive(maximumReceiveMessageSize, "maximumReceiveMessageSize");
        positive(maximumSendBufferSize, "maximumSendBufferSize");
        positive(maximumSendBufferMessages, "maximumSendBufferMessages");
        positive(maximumPendingInvocations, "maximumPendingInvocations");
        if (transports == null || transports.isEmpty()) {
            throw new IllegalArgumentException("At least one transport must be enabled");
        }
        transports = Collections.unmodifiableSet(EnumSet.copyOf(transports));
        positive(longPollingPollTimeout, "longPollingPollTimeout");
        positive(streamBufferCapacity, "streamBufferCapacity");
        positive(clientResultTimeout, "clientResultTimeout");
        positive(statefulReconnectBufferSize, "statefulReconnectBufferSize");
        supportedProtocols = protocolNames(supportedProtocols);
        positive(maximumParallelInvocationsPerClient, "maximumParallelInvocationsPerClient");
    }

    /** {@return SignalR's defaults, and ours for what SignalR does not bound (the messages waiting for a client)} */
    public static HubOptions defaults() {
        return new HubOptions(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(15), 32 * 1024,
                false, Duration.ofSeconds(15), 1024 * 1024, 16 * 1024, 256, EnumSet.allOf(Transport.class),
                Duration.ofSeconds(90), 1000, Duration.ofSeconds(30), false, 100_000, Set.of(JSON, MESSAGEPACK), 1, false);
    }

    /**
     * {@return these options with another {@link #keepAliveInterval()}}
     *
     * @param value the new duration, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withKeepAliveInterval(Duration value) {
        return with(o -> o.keepAliveInterval = value);
    }

    /**
     * {@return these options with another {@link #clientTimeoutInterval()}}
     *
     * @param value the new duration, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withClientTimeoutInterval(Duration value) {
        return with(o -> o.clientTimeoutInterval = value);
    }

    /**
     * {@return these options with another {@link #handshakeTimeout()}}
     *
     * @param value the new duration, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withHandshakeTimeout(Duration value) {
        return with(o -> o.handshakeTimeout = value);
    }

    /**
     * {@return these options with another {@link #maximumReceiveMessageSize()}}
     *
     * @param value the new limit, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withMaximumReceiveMessageSize(int value) {
        return with(o -> o.maximumReceiveMessageSize = value);
    }

    /**
     * {@return these options with another {@link #enableDetailedErrors()}}
     *
     * @param value whether error completions carry every exception's type and message
     */
    public HubOptions withEnableDetailedErrors(boolean value) {
        return with(o -> o.enableDetailedErrors = value);
    }

    /**
     * {@return these options with another {@link #disconnectTimeout()}}
     *
     * @param value the new duration, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withDisconnectTimeout(Duration value) {
        return with(o -> o.disconnectTimeout = value);
    }

    /**
     * {@return these options with another {@link #maximumSendBufferSize()}}
     *
     * @param value the new limit, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withMaximumSendBufferSize(int value) {
        return with(o -> o.maximumSendBufferSize = value);
    }

    /**
     * {@return these options with another {@link #maximumSendBufferMessages()}}
     *
     * @param value the new limit, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withMaximumSendBufferMessages(int value) {
        return with(o -> o.maximumSendBufferMessages = value);
    }

    /**
     * {@return these options with another {@link #maximumPendingInvocations()}}
     *
     * @param value the new limit, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withMaximumPendingInvocations(int value) {
        return with(o -> o.maximumPendingInvocations = value);
    }

    /**
     * Enables only the given transports, such as {@code withTransports(WEB_SOCKETS, LONG_POLLING)}.
     *
     * @param value the transports clients may use, at least one
     * @return these options with those transports
     * @throws IllegalArgumentException when {@code value} is empty
     */
    public HubOptions withTransports(Transport... value) {
        return with(o -> o.transports = Set.of(value));
    }

    /**
     * {@return these options with another {@link #longPollingPollTimeout()}}
     *
     * @param value the new duration, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withLongPollingPollTimeout(Duration value) {
        return with(o -> o.longPollingPollTimeout = value);
    }

    /**
     * {@return these options with another {@link #streamBufferCapacity()}}
     *
     * @param value the new limit, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withStreamBufferCapacity(int value) {
        return with(o -> o.streamBufferCapacity = value);
    }

    /**
     * {@return these options with another {@link #clientResultTimeout()}}
     *
     * @param value the new duration, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withClientResultTimeout(Duration value) {
        return with(o -> o.clientResultTimeout = value);
    }

    /**
     * {@return these options with stateful reconnect allowed or not}
     *
     * @param value whether negotiate offers stateful reconnect to clients that ask for it
     */
    public HubOptions withAllowStatefulReconnects(boolean value) {
        return with(o -> o.allowStatefulReconnects = value);
    }

    /**
     * {@return these options with another {@link #statefulReconnectBufferSize()}}
     *
     * @param value the new budget in bytes, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withStatefulReconnectBufferSize(int value) {
        return with(o -> o.statefulReconnectBufferSize = value);
    }

    /**
     * {@return these options with other {@link #supportedProtocols()}}
     *
     * @param value the protocol names, among {@value #JSON} and {@value #MESSAGEPACK}; at least one
     * @throws IllegalArgumentException when {@code value} is empty or names an unknown protocol
     */
    public HubOptions withSupportedProtocols(String... value) {
        return with(o -> o.supportedProtocols = Set.of(value));
    }

    /**
     * {@return these options with another {@link #maximumParallelInvocationsPerClient()}}
     *
     * @param value the new limit, positive
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public HubOptions withMaximumParallelInvocationsPerClient(int value) {
        return with(o -> o.maximumParallelInvocationsPerClient = value);
    }

    /**
     * {@return these options with implicit service parameters disabled or not}
     *
     * @param value whether only parameters marked {@link FromServices} are supplied by the container
     */
    public HubOptions withDisableImplicitFromServicesParameters(boolean value) {
        return with(o -> o.disableImplicitFromServicesParameters = value);
    }

    private HubOptions with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** A mutable copy, so that each {@code with} method names only the option it changes. */
    private static final class Copy {
        Duration keepAliveInterval, clientTimeoutInterval, handshakeTimeout, disconnectTimeout, longPollingPollTimeout,
                clientResultTimeout;
        int maximumReceiveMessageSize, maximumSendBufferSize, maximumSendBufferMessages, maximumPendingInvocations,
                streamBufferCapacity, statefulReconnectBufferSize, maximumParallelInvocationsPerClient;
        boolean enableDetailedErrors, allowStatefulReconnects, disableImplicitFromServicesParameters;
        Set<Transport> transports;
        Set<String> supportedProtocols;

        Copy(HubOptions options) {
            keepAliveInterval = options.keepAliveInterval;
            clientTimeoutInterval = options.clientTimeoutInterval;
            handshakeTimeout = options.handshakeTimeout;
            maximumReceiveMessageSize = options.maximumReceiveMessageSize;
            enableDetailedErrors = options.enableDetailedErrors;
            disconnectTimeout = options.disconnectTimeout;
            maximumSendBufferSize = options.maximumSendBufferSize;
            maximumSendBufferMessages = options.maximumSendBufferMessages;
            maximumPendingInvocations = options.maximumPendingInvocations;
            transports = options.transports;
            longPollingPollTimeout = options.longPollingPollTimeout;
            streamBufferCapacity = options.streamBufferCapacity;
            clientResultTimeout = options.clientResultTimeout;
            allowStatefulReconnects = options.allowStatefulReconnects;
            statefulReconnectBufferSize = options.statefulReconnectBufferSize;
            supportedProtocols = options.supportedProtocols;
            maximumParallelInvocationsPerClient = options.maximumParallelInvocationsPerClient;
            disableImplicitFromServicesParameters = options.disableImplicitFromServicesParameters;
        }

        HubOptions build() {
            return new HubOptions(keepAliveInterval, clientTimeoutInterval, handshakeTimeout, maximumReceiveMessageSize,
                    enableDetailedErrors, disconnectTimeout, maximumSendBufferSize, maximumSendBufferMessages,
                    maximumPendingInvocations, transports, longPollingPollTimeout, streamBufferCapacity,
                    clientResultTimeout, allowStatefulReconnects, statefulReconnectBufferSize, supportedProtocols,
                    maximumParallelInvocationsPerClient, disableImplicitFromServicesParameters);
        }
    }

    private static Set<String> protocolNames(Set<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("At least one hub protocol must be supported");
        }
        Set<String> known = new TreeSet<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals(JSON) && !lower.equals(MESSAGEPACK)) {
                throw new IllegalArgumentException("Unknown hub protocol '" + name + "': supported are "
                        + JSON + " and " + MESSAGEPACK);
            }
            known.add(lower);
        }
        return Collections.unmodifiableSet(known);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
