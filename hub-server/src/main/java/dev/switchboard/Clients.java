package dev.switchboard;

/** The clients of a hub, seen from inside a hub method: adds the caller and everyone else. */
public interface Clients extends HubClients {

    /** {@return the connection that made the current call; it can also give {@link SingleClientProxy#invoke results}} */
    SingleClientProxy caller();

    /** {@return every connection but the caller} */
    ClientProxy others();

    /**
     * The members of a group but the caller.
     *
     * @param groupName the group
     * @return the group's connections other than the caller's
     */
    ClientProxy othersInGroup(String groupName);

    /**
     * {@link #caller()} through a declared client interface, whose client results it can return.
     *
     * @param <T> the client interface
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach the caller
     */
    default <T> T caller(Class<T> clientInterface) {
        return caller().as(clientInterface);
    }

    /**
     * {@link #others()} through a declared client interface.
     *
     * @param <T> the client interface
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach every connection but the caller
     */
    default <T> T others(Class<T> clientInterface) {
        return others().as(clientInterface);
    }

    /**
     * {@link #othersInGroup(String)} through a declared client interface.
     *
     * @param <T> the client interface
     * @param groupName the group
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach the group's connections other than the caller's
     */
    default <T> T othersInGroup(String groupName, Class<T> clientInterface) {
        return othersInGroup(groupName).as(clientInterface);
    }
}
