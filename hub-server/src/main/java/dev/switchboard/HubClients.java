package dev.switchboard;

import java.util.Collection;

/** The clients of a hub, addressed by connection, group or user. */
public interface HubClients {

    /** Every connection of the hub. */
    ClientProxy all();

    /** Every connection but the given ones. */
    ClientProxy allExcept(Collection<String> excludedConnectionIds);

    /** One connection; sending to an unknown id does nothing. */
    ClientProxy client(String connectionId);

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
}
