package dev.switchboard.internal.connection;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubCallerContext;
import dev.switchboard.HubUser;
import dev.switchboard.Transport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a hub sees of its caller, as SignalR's {@code DefaultHubCallerContext}: who the client is, the request
 * that opened its transport, and the items a hub keeps for it. A thin adapter: the connection's machinery
 * stays behind it.
 */
public final class CallerContext implements HubCallerContext {

    private final HubConnectionContext connection;
    private volatile ConnectionRequest request;
    private volatile String userId;
    private volatile HubUser user;
    /** Made on first use: few hubs keep items, and every connection would pay for an empty map. */
    private volatile Map<Object, Object> items;

    CallerContext(HubConnectionContext connection) {
        this.connection = connection;
    }

    @Override
    public String connectionId() {
        return connection.connectionId();
    }

    @Override
    public String userIdentifier() {
        String id = userId;
        if (id != null) {
            return id;
        }
        HubUser authenticated = user;
        return authenticated == null ? null : authenticated.userId();
    }

    /** Sets the id the hub's user id provider chose, which groups the connection under its user. */
    public void userIdentifier(String value) {
        this.userId = value;
    }

    @Override
    public HubUser user() {
        return user;
    }

    /** Sets the user who started the connection; its later requests must be that user's. */
    public void user(HubUser value) {
        this.user = value;
    }

    @Override
    public Map<Object, Object> items() {
        Map<Object, Object> current = items;
        if (current == null) {
            synchronized (this) {
                current = items;
                if (current == null) {
                    current = new ConcurrentHashMap<>();
                    items = current;
                }
            }
        }
        return current;
    }

    @Override
    public ConnectionRequest request() {
        return request;
    }

    void request(ConnectionRequest value) {
        this.request = value;
    }

    @Override
    public Transport transport() {
        return connection.transport();
    }

    @Override
    public void abort() {
        connection.abort();
    }
}
