package dev.switchboard.servlet;

import dev.switchboard.AuthenticationException;
import dev.switchboard.HubException;
import dev.switchboard.HubFilter;
import dev.switchboard.HubInvocationContext;
import dev.switchboard.HubServer;
import dev.switchboard.HubUser;
import dev.switchboard.fixtures.ResultsHub;
import dev.switchboard.fixtures.SecureHub;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.fixtures.UploadHub;
import jakarta.servlet.ServletContext;
import java.util.List;

/**
 * The hubs of the contract, found by the container through {@link SwitchboardContainerInitializer} or registered
 * with {@link HubServlets#register}: hub-server's shared test hubs, a token authenticator and a filter.
 */
public final class ContractHubs implements HubInitializer {

    /** A token {@code alice:admin} is user alice in role admin; {@code bad} is refused. */
    static final String REFUSED_TOKEN = "bad";

    @Override
    public void configure(HubServer.Builder hubs, ServletContext context) {
        apply(hubs);
    }

    static HubServer.Builder apply(HubServer.Builder hubs) {
        return hubs
                .authenticator((request, token) -> {
                    if (token == null) {
                        return null;
                    }
                    if (token.equals(REFUSED_TOKEN)) {
                        throw new AuthenticationException("invalid token");
                    }
                    String[] parts = token.split(":", 2);
                    return HubUser.of(parts[0], parts.length > 1 ? parts[1].split(",") : new String[0]);
                })
                .hub("/test", TestHub.class)
                .hub("/results", ResultsHub.class)
                .hub("/secure", SecureHub.class)
                .hub("/upload", UploadHub.class)
                .filter(TestHub.class, new Blocker());
    }

    /** Refuses {@code echo("blocked")} before the hub sees it. */
    static final class Blocker implements HubFilter {
        @Override
        public Object invokeMethod(HubInvocationContext call, InvocationNext next) throws Exception {
            if (call.hubMethodName().equals("echo") && List.of("blocked").equals(call.arguments())) {
                throw new HubException("blocked by a filter");
            }
            return next.invoke(call);
        }
    }
}
