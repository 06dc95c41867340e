package dev.switchboard;

import java.util.Collection;

/**
 * The clients of a hub, addressed by connection, group or user. Each target also comes typed, through a
 * client interface the hub declares with {@link ClientInterface}: {@code all(ChatClient.class)} is
 * {@code all().as(ChatClient.class)}.
 */
public interface HubClients {

    /** Every connection of the hub. */
    ClientProxy all();

    /** Every connection but the given ones. */
    ClientProxy allExcept(Collection<String> excludedConnectionIds);

    /**
     * One connection; sending to an unknown id does nothing, while {@link SingleClientProxy#invoke invoking}
     * it fails.
     */
    SingleClientProxy client(String connectionId);

    /** The given connections. */
    ClientProxy clients(Collection<String> connectionIds);

    /** The members of a group. */
    ClientProxy group(String groupName);

    /** The members of any of the groups, each connection once. */
    ClientProxy groups(Collection<String> groupNames);

    /** The members of a group but the given connections. */
    ClientProxy groupExcept(String groupName, Collection<String> excludedConnectionIds);

    /** Every connection of a user. */
    ClientProxy user(String userId);

    /** Every connection of any of the users. */
    ClientProxy users(Collection<String> userIds);

    /** {@link #all()} through a declared client interface. */
    default <T> T all(Class<T> clientInterface) {
        return all().as(clientInterface);
    }

    /** {@link #allExcept(Collection)} through a declared client interface. */
    default <T> T allExcept(Collection<String> excludedConnectionIds, Class<T> clientInterface) {
        return allExcept(excludedConnectionIds).as(clientInterface);
    }

    /** {@link #client(String)} through a declared client interface, whose client results it can return. */
    default <T> T client(String connectionId, Class<T> clientInterface) {
        return client(connectionId).as(clientInterface);
    }

    /** {@link #clients(Collection)} through a declared client interface. */
    default <T> T clients(Collection<String> connectionIds, Class<T> clientInterface) {
        return clients(connectionIds).as(clientInterface);
    }

    /** {@link #group(String)} through a declared client interface. */
    default <T> T group(String groupName, Class<T> clientInterface) {
        return group(groupName).as(clientInterface);
    }

    /** {@link #groups(Collection)} through a declared client interface. */
    default <T> T groups(Collection<String> groupNames, Class<T> clientInterface) {
        return groups(groupNames).as(clientInterface);
    }

    /** {@link #groupExcept(String, Collection)} through a declared client interface. */
    default <T> T groupExcept(String groupName, Collection<String> excludedConnectionIds, Class<T> clientInterface) {
        return groupExcept(groupName, excludedConnectionIds).as(clientInterface);
    }

    /** {@link #user(String)} through a declared client interface. */
    default <T> T user(String userId, Class<T> clientInterface) {
        return user(userId).as(clientInterface);
    }

    /** {@link #users(Collection)} through a declared client interface. */
    default <T> T users(Collection<String> userIds, Class<T> clientInterface) {
        return users(userIds).as(clientInterface);
    }
}
