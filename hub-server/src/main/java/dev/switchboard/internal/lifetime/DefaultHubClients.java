package dev.switchboard.internal.lifetime;

import dev.switchboard.ClientProxy;
import dev.switchboard.HubClients;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** {@link HubClients} over a lifetime manager: each proxy names its targets and defers to the manager. */
public class DefaultHubClients implements HubClients {

    protected final HubLifetimeManager lifetime;

    public DefaultHubClients(HubLifetimeManager lifetime) {
        this.lifetime = lifetime;
    }

    @Override
    public ClientProxy all() {
        return (method, args) -> lifetime.sendAll(method, arguments(args));
    }

    @Override
    public ClientProxy allExcept(Collection<String> excludedConnectionIds) {
        List<String> excluded = List.copyOf(excludedConnectionIds);
        return (method, args) -> lifetime.sendAllExcept(method, arguments(args), excluded);
    }

    @Override
    public ClientProxy client(String connectionId) {
        return (method, args) -> lifetime.sendConnection(connectionId, method, arguments(args));
    }

    @Override
    public ClientProxy clients(Collection<String> connectionIds) {
        List<String> ids = List.copyOf(connectionIds);
        return (method, args) -> lifetime.sendConnections(ids, method, arguments(args));
    }

    @Override
    public ClientProxy group(String groupName) {
        return (method, args) -> lifetime.sendGroup(groupName, method, arguments(args));
    }

    @Override
    public ClientProxy groups(Collection<String> groupNames) {
        List<String> names = List.copyOf(groupNames);
        return (method, args) -> lifetime.sendGroups(names, method, arguments(args));
    }

    @Override
    public ClientProxy groupExcept(String groupName, Collection<String> excludedConnectionIds) {
        List<String> excluded = List.copyOf(excludedConnectionIds);
        return (method, args) -> lifetime.sendGroupExcept(groupName, method, arguments(args), excluded);
    }

    @Override
    public ClientProxy user(String userId) {
        return (method, args) -> lifetime.sendUser(userId, method, arguments(args));
    }

    @Override
    public ClientProxy users(Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        return (method, args) -> lifetime.sendUsers(ids, method, arguments(args));
    }

    /** Varargs as a list; null elements are valid arguments. */
    protected static List<Object> arguments(Object[] args) {
        return args == null ? List.of() : Arrays.asList(args.clone());
    }
}
