package dev.switchboard.internal.dispatch;

import dev.switchboard.Hub;
import dev.switchboard.HubFilter;
import dev.switchboard.spi.HubActivator;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The hub filters a server builder was given, for every hub or for one hub class, in registration order;
 * resolved against the server's activator (Guice, unless another container is given) when it is built.
 */
public final class HubFilterRegistrations {

    /** Where a filter comes from: the activator, for each use, or one instance given up front. */
    private sealed interface Source permits ByClass, ByInstance {
        Provider<? extends HubFilter> provider(HubActivator activator);
    }

    private record ByClass(Class<? extends HubFilter> type) implements Source {
        @Override
        public Provider<? extends HubFilter> provider(HubActivator activator) {
            return activator.provider(type)::get;
        }
    }

    private record ByInstance(HubFilter filter) implements Source {
        @Override
        public Provider<? extends HubFilter> provider(HubActivator activator) {
            return () -> filter;
        }
    }

    /** @param hub the one hub class the filter is for, or null for every hub */
    private record Registration(Class<? extends Hub> hub, Source source) {
    }

    private final List<Registration> registrations = new ArrayList<>();

    /** Adds a filter Guice creates, for {@code hub} or, when null, for every hub. */
    public void add(Class<? extends Hub> hub, Class<? extends HubFilter> filter) {
        registrations.add(new Registration(hub, new ByClass(Objects.requireNonNull(filter, "filter"))));
    }

    /** Adds one filter instance, for {@code hub} or, when null, for every hub. */
    public void add(Class<? extends Hub> hub, HubFilter filter) {
        registrations.add(new Registration(hub, new ByInstance(Objects.requireNonNull(filter, "filter"))));
    }

    /** {@return an independent copy, for settings that must not change after they are taken} */
    public HubFilterRegistrations copy() {
        HubFilterRegistrations copy = new HubFilterRegistrations();
        copy.registrations.addAll(registrations);
        return copy;
    }

    /**
     * The filters of each of {@code hubs}, those for every hub first; each registration is resolved once.
     *
     * @throws IllegalArgumentException for a filter Guice cannot create, or one registered for a hub class
     *         that is not mapped
     */
    public Map<Class<? extends Hub>, List<Provider<? extends HubFilter>>> resolve(
            HubActivator activator, Collection<Class<? extends Hub>> hubs) {
        List<Provider<? extends HubFilter>> global = new ArrayList<>();
        Map<Class<? extends Hub>, List<Provider<? extends HubFilter>>> own = new HashMap<>();
        for (Registration registration : registrations) {
            if (registration.hub() != null && !hubs.contains(registration.hub())) {
                throw new IllegalArgumentException("A hub filter is registered for " + registration.hub().getName()
                        + ", which is not mapped at any path");
            }
            Provider<? extends HubFilter> provider = registration.source().provider(activator);
            if (registration.hub() == null) {
                global.add(provider);
            } else {
                own.computeIfAbsent(registration.hub(), hub -> new ArrayList<>()).add(provider);
            }
        }
        Map<Class<? extends Hub>, List<Provider<? extends HubFilter>>> byHub = new HashMap<>();
        for (Class<? extends Hub> hub : hubs) {
            List<Provider<? extends HubFilter>> filters = new ArrayList<>(global);
            filters.addAll(own.getOrDefault(hub, List.of()));
            byHub.put(hub, List.copyOf(filters));
        }
        return byHub;
    }
}
