package dev.switchboard;

/**
 * Tells which user a connection belongs to, for {@link HubClients#user(String)}. Called once per
 * connection, with the request that opened its transport.
 */
@FunctionalInterface
public interface UserIdProvider {

    /** @return the user's id, or null for an anonymous connection */
    String userId(ConnectionRequest request);
}
