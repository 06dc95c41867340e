package dev.switchboard;

import java.util.Collection;

/**
 * The clients of a hub, addressed by connection, group or user. Each target also comes typed, through a
 * client interface the hub declares with {@link ClientInterface}: {@code all(ChatClient.class)} is
 * {@code all().as(ChatClient.class)}.
 */
public interface HubClients {

    /** {@return every connection of the hub} */
    ClientProxy all();

    /**
     * Every connection but the given ones.
     *
     * @param excludedConnectionIds the connections left out
     * @return the other connections of the hub
     */
    ClientProxy allExcept(Collection<String> excludedConnectionIds);

    /**
     * One connection; sending to an unknown id does nothing, while {@link SingleClientProxy#invoke invoking}
     * it fails.
     *
     * @param connectionId the connection's id, as {@link HubCallerContext#connectionId()} gives it
     * @return that connection
     */
    SingleClientProxy client(String connectionId);

    /**
     * The given connections.
     *
     * @param connectionIds the connections' ids
     * @return those connections
     */
    ClientProxy clients(Collection<String> connectionIds);

    /**
     * The members of a group.
     *
     * @param groupName the group
     * @return its connections
     */
    ClientProxy group(String groupName);

    /**
     * The members of any of the groups, each connection once.
     *
     * @param groupNames the groups
     * @return their connections
     */
    ClientProxy groups(Collection<String> groupNames);

    /**
     * The members of a group but the given connections.
     *
     * @param groupName the group
     * @param excludedConnectionIds the connections left out
     * @return the group's other connections
     */
    ClientProxy groupExcept(String groupName, Collection<String> excludedConnectionIds);

    /**
     * Every connection of a user.
     *
     * @param userId the user, as the {@link UserIdProvider} names it
     * @return the user's connections
     */
    ClientProxy user(String userId);

    /**
     * Every connection of any of the users.
     *
     * @param userIds the users
     * @return their connections
     */
    ClientProxy users(Collection<String> userIds);

    /**
     * {@link #all()} through a declared client interface.
     *
     * @param <T> the client interface
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach every connection
     */
    default <T> T all(Class<T> clientInterface) {
        return all().as(clientInterface);
    }

    /**
     * {@link #allExcept(Collection)} through a declared client interface.
     *
     * @param <T> the client interface
     * @param excludedConnectionIds the connections left out
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach the other connections
     */
    default <T> T allExcept(Collection<String> excludedConnectionIds, Class<T> clientInterface) {
        return allExcept(excludedConnectionIds).as(clientInterface);
    }

    /**
     * {@link #client(String)} through a declared client interface, whose client results it can return.
     *
     * @param <T> the client interface
     * @param connectionId the connection's id
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach that connection
     */
    default <T> T client(String connectionId, Class<T> clientInterface) {
        return client(connectionId).as(clientInterface);
    }

    /**
     * {@link #clients(Collection)} through a declared client interface.
     *
     * @param <T> the client interface
     * @param connectionIds the connections' ids
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach those connections
     */
    default <T> T clients(Collection<String> connectionIds, Class<T> clientInterface) {
        return clients(connectionIds).as(clientInterface);
    }

    /**
     * {@link #group(String)} through a declared client interface.
     *
     * @param <T> the client interface
     * @param groupName the group
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach the group's connections
     */
    default <T> T group(String groupName, Class<T> clientInterface) {
        return group(groupName).as(clientInterface);
    }

    /**
     * {@link #groups(Collection)} through a declared client interface.
     *
     * @param <T> the client interface
     * @param groupNames the groups
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach the groups' connections, each once
     */
    default <T> T groups(Collection<String> groupNames, Class<T> clientInterface) {
        return groups(groupNames).as(clientInterface);
    }

    /**
     * {@link #groupExcept(String, Collection)} through a declared client interface.
     *
     * @param <T> the client interface
     * @param groupName the group
     * @param excludedConnectionIds the connections left out
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach the group's other connections
     */
    default <T> T groupExcept(String groupName, Collection<String> excludedConnectionIds, Class<T> clientInterface) {
        return groupExcept(groupName, excludedConnectionIds).as(clientInterface);
    }

    /**
     * {@link #user(String)} through a declared client interface.
     *
     * @param <T> the client interface
     * @param userId the user
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach the user's connections
     */
    default <T> T user(String userId, Class<T> clientInterface) {
        return user(userId).as(clientInterface);
    }

    /**
     * {@link #users(Collection)} through a declared client interface.
     *
     * @param <T> the client interface
     * @param userIds the users
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach the users' connections
     */
    default <T> T users(Collection<String> userIds, Class<T> clientInterface) {
        return users(userIds).as(clientInterface);
    }
}
