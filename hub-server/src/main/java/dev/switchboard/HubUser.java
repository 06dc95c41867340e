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

    /**
     * Keeps unmodifiable copies of the roles and claims; claims whose value is null, as JSON allows, are left out.
     *
     * @param userId the user's id, never null
     * @param roles the user's roles
     * @param claims anything else the authenticator read
     */
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

    /**
     * A user with an id and roles, and no other claims.
     *
     * @param userId the user's id
     * @param roles the user's roles
     * @return that user
     */
    public static HubUser of(String userId, String... roles) {
        return new HubUser(userId, Set.of(roles), Map.of());
    }

    /** The user's id, as {@link Principal} names it. */
    @Override
    public String getName() {
        return userId;
    }

    /**
     * Whether the user has a role; roles are matched exactly, as ASP.NET's {@code IsInRole} does.
     *
     * @param role the role
     * @return true when {@link #roles()} holds it
     */
    public boolean isInRole(String role) {
        return roles.contains(role);
    }
}
