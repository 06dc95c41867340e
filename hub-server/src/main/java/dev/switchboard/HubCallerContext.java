package dev.switchboard;

import java.util.Map;

/** The connection behind the current hub call. */
public interface HubCallerContext {

    /** {@return the public id of the connection, the one clients and groups address} */
    String connectionId();

    /**
     * {@return the user id of the connection, which {@link HubClients#user(String)} reaches: the server's
     * {@link UserIdProvider}'s, else the {@link #user()}'s; null when anonymous}
     */
    String userIdentifier();

    /** {@return the user the server's {@link Authenticator} found when the connection started; null when anonymous} */
    HubUser user();

    /** {@return values kept for the life of the connection, which the hub may change} */
    Map<Object, Object> items();

    /** {@return the request that opened the connection's transport} */
    ConnectionRequest request();

    /** {@return the transport the connection runs on, which clients choose by falling back down negotiate's list} */
    Transport transport();

    /** Ends the connection; the client is told and may not reconnect automatically. */
    void abort();
}
