package dev.switchboard;

/**
 * Tells which user a connection belongs to, for {@link HubClients#user(String)}. Called once per
 * connection, with the request that opened its transport.
 */
@FunctionalInterface
public interface UserIdProvider {

    /**
     * Names the user of a new connection.
     *
     * @param request the request that opened the connection's transport
     * @return the user's id, or null for an anonymous connection
     */
    String userId(ConnectionRequest request);
}
