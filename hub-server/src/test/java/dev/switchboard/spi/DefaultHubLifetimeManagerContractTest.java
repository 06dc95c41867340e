package dev.switchboard.spi;

/** The in-memory manager keeps the contract of a single server. */
class DefaultHubLifetimeManagerContractTest extends HubLifetimeManagerContract {

    @Override
    protected HubLifetimeManager newManager(LifetimeManagerSettings settings) {
        return new DefaultHubLifetimeManager();
    }
}
