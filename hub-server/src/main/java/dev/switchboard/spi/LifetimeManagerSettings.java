package dev.switchboard.spi;

import dev.switchboard.Hub;
import dev.switchboard.HubOptions;
import java.util.Objects;

/**
 * Everything a hub's lifetime manager is given when it is made, as SignalR's {@code RedisHubLifetimeManager}
 * gets its hub options and protocol resolver in its constructor: a manager has all it needs from the start and
 * nothing is set on it afterwards. A server makes its managers with
 * {@link dev.switchboard.Backplane#lifetimeManager(LifetimeManagerSettings)} as it is built, once each protocol
 * and the hub's options are known.
 *
 * @param hub           the hub whose connections the manager keeps
 * @param serialization the protocols the server's connections may speak, in each of which a backplane
 *                      serializes what it sends to other servers, and the mapper of the hub's payloads
 * @param options       the hub's options, such as how long a client result may take
 */
public record LifetimeManagerSettings(Class<? extends Hub> hub, Serialization serialization, HubOptions options) {

    /**
     * Checks that every setting is given.
     *
     * @param hub           the hub whose connections the manager keeps
     * @param serialization the server's protocols and the mapper of the hub's payloads
     * @param options       the hub's options
     * @throws NullPointerException when a setting is missing
     */
    public LifetimeManagerSettings {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(serialization, "serialization");
        Objects.requireNonNull(options, "options");
    }

    /**
     * What a server that is not configured otherwise gives a manager: {@link Serialization#defaults()} and
     * {@link HubOptions#defaults()}.
     *
     * @param hub the hub whose connections the manager keeps
     * @return the settings
     */
    public static LifetimeManagerSettings defaults(Class<? extends Hub> hub) {
        return new LifetimeManagerSettings(hub, Serialization.defaults(), HubOptions.defaults());
    }
}
