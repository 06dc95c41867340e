package dev.switchboard;

import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated user of a connection, as an {@link Authenticator} found it: SignalR's {@code Context.User}.
 *
 * @param userId the user's id, such as a JWT's {@code sub}; {@link HubClients#user(String)} reaches the user's
 *        connections by it unless a {@link UserIdProvider} says otherwise
 * @param roles the user's roles, which {@link Authorize#roles()} asks for
 * @param claims anything else the authenticator read, such as a token's claims, for hubs to use
 */
public record HubUser(String userId, Set<String> roles, Map<String, Object> claims) implements Principal {

    /** Claims whose value is null, as JSON allows, are left out. */
    public HubUser {
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
        Map<String, Object> present = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        claims = Collections.unmodifiableMap(present);
    }

    /** A user with an id and roles, and no other claims. */
    public static HubUser of(String userId, String... roles) {
        return new HubUser(userId, Set.of(roles), Map.of());
    }

    /** The user's id, as {@link Principal} names it. */
    @Override
    public String getName() {
        return userId;
    }

    /** Whether the user has {@code role}; roles are matched exactly, as ASP.NET's {@code IsInRole} does. */
    public boolean isInRole(String role) {
        return roles.contains(role);
    }
}
