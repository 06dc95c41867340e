package dev.switchboard;

/** The clients of a hub, seen from inside a hub method: adds the caller and everyone else. */
public interface Clients extends HubClients {

    /** The connection that made the current call. */
    ClientProxy caller();

    /** Every connection but the caller. */
    ClientProxy others();

    /** The members of a group but the caller. */
    ClientProxy othersInGroup(String groupName);
}
