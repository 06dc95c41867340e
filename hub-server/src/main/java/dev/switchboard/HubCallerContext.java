package dev.switchboard;

import java.util.Map;

/** The connection behind the current hub call. */
public interface HubCallerContext {

    /** The public id of the connection, the one clients and groups address. */
    String connectionId();

    /**
     * The user id of the connection, which {@link HubClients#user(String)} reaches: the server's
     * {@link UserIdProvider}'s, else the {@link #user()}'s; null when anonymous.
     */
    String userIdentifier();

    /** The user the server's {@link Authenticator} found when the connection started; null when anonymous. */
    HubUser user();

    /** Values kept for the life of the connection. */
    Map<Object, Object> items();

    /** The request that opened the connection's transport. */
    ConnectionRequest request();

    /** The transport the connection runs on, which clients choose by falling back down negotiate's list. */
    Transport transport();

    /** Ends the connection; the client is told and may not reconnect automatically. */
    void abort();
}
