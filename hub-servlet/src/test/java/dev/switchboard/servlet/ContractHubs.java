package dev.switchboard.servlet;

import dev.switchboard.HubServer;
import dev.switchboard.fixtures.ContractServer;
import jakarta.servlet.ServletContext;

/**
 * The hubs of the contract ({@link ContractServer}), found by the container through
 * {@link SwitchboardContainerInitializer} or registered with {@link HubServlets#register}.
 */
public final class ContractHubs implements HubInitializer {

    /** A token {@code alice:admin} is user alice in role admin; {@code bad} is refused. */
    static final String REFUSED_TOKEN = ContractServer.REFUSED_TOKEN;

    @Override
    public void configure(HubServer.Builder hubs, ServletContext context) {
        apply(hubs);
    }

    static HubServer.Builder apply(HubServer.Builder hubs) {
        return ContractServer.apply(hubs);
    }
}
