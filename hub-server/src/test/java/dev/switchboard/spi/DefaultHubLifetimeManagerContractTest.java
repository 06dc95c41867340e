package dev.switchboard.spi;

/** The in-memory manager keeps the contract; it serves one server, so the cross-server tests are skipped. */
class DefaultHubLifetimeManagerContractTest extends HubLifetimeManagerContract {

    @Override
    protected HubLifetimeManager newManager() {
        return new DefaultHubLifetimeManager();
    }
}
