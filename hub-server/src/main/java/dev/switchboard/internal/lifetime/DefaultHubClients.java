package dev.switchboard.internal.lifetime;

import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.ClientProxy;
import dev.switchboard.HubClients;
import dev.switchboard.SingleClientProxy;
import dev.switchboard.internal.clients.ClientInterfaces;
import java.util.Collection;
import java.util.List;

/** {@link HubClients} over a lifetime manager: each proxy names its targets and defers to the manager. */
public class DefaultHubClients implements HubClients {

    protected final HubLifetimeManager lifetime;
    protected final ClientInterfaces interfaces;

    public DefaultHubClients(HubLifetimeManager lifetime, ClientInterfaces interfaces) {
        this.lifetime = lifetime;
        this.interfaces = interfaces;
    }

    @Override
    public ClientProxy all() {
        return proxy(lifetime::sendAll);
    }

    @Override
    public ClientProxy allExcept(Collection<String> excludedConnectionIds) {
        List<String> excluded = List.copyOf(excludedConnectionIds);
        return proxy((method, args) -> lifetime.sendAllExcept(method, args, excluded));
    }

    @Override
    public SingleClientProxy client(String connectionId) {
        return new SingleTargetProxy(lifetime, connectionId, interfaces);
    }

    @Override
    public ClientProxy clients(Collection<String> connectionIds) {
        List<String> ids = List.copyOf(connectionIds);
        return proxy((method, args) -> lifetime.sendConnections(ids, method, args));
    }

    @Override
    public ClientProxy group(String groupName) {
        return proxy((method, args) -> lifetime.sendGroup(groupName, method, args));
    }

    @Override
    public ClientProxy groups(Collection<String> groupNames) {
        List<String> names = List.copyOf(groupNames);
        return proxy((method, args) -> lifetime.sendGroups(names, method, args));
    }

    @Override
    public ClientProxy groupExcept(String groupName, Collection<String> excludedConnectionIds) {
        List<String> excluded = List.copyOf(excludedConnectionIds);
        return proxy((method, args) -> lifetime.sendGroupExcept(groupName, method, args, excluded));
    }

    @Override
    public ClientProxy user(String userId) {
        return proxy((method, args) -> lifetime.sendUser(userId, method, args));
    }

    @Override
    public ClientProxy users(Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        return proxy((method, args) -> lifetime.sendUsers(ids, method, args));
    }

    private ClientProxy proxy(TargetProxy.Sender sender) {
        return new TargetProxy(sender, interfaces);
    }
}
