package dev.switchboard;

/** The clients of a hub, seen from inside a hub method: adds the caller and everyone else. */
public interface Clients extends HubClients {

    /** The connection that made the current call; it can also give {@link SingleClientProxy#invoke results}. */
    SingleClientProxy caller();

    /** Every connection but the caller. */
    ClientProxy others();

    /** The members of a group but the caller. */
    ClientProxy othersInGroup(String groupName);

    /** {@link #caller()} through a declared client interface, whose client results it can return. */
    default <T> T caller(Class<T> clientInterface) {
        return caller().as(clientInterface);
    }

    /** {@link #others()} through a declared client interface. */
    default <T> T others(Class<T> clientInterface) {
        return others().as(clientInterface);
    }

    /** {@link #othersInGroup(String)} through a declared client interface. */
    default <T> T othersInGroup(String groupName, Class<T> clientInterface) {
        return othersInGroup(groupName).as(clientInterface);
    }
}
