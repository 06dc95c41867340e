package dev.switchboard;

import java.lang.reflect.Array;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
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
 * @param claims anything else the authenticator read, such as a token's claims, for hubs and
 *        {@link AuthorizationPolicy.Builder#requireClaim(String, String...)} to use; a claim with several values
 *        (a JSON array) is a collection or an array
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

    /**
     * The values of a claim as text, as ASP.NET Core's claims are: a collection's or an array's elements one by
     * one, anything else as {@link String#valueOf(Object)} writes it.
     *
     * @param type the claim's name, matched ignoring case as ASP.NET Core matches claim types
     * @return the values, in the order the claims hold them; empty when the user has no such claim
     */
    public List<String> claimValues(String type) {
        List<String> values = new ArrayList<>();
        claims.forEach((name, value) -> {
            if (name.equalsIgnoreCase(type)) {
                addValues(values, value);
            }
        });
        return values;
    }

    /**
     * Whether the user has a claim, and when values are given, with one of them.
     *
     * @param type the claim's name, matched ignoring case
     * @param allowedValues the values of which the claim needs one, matched exactly; any value when none
     * @return true when a value of the claim qualifies
     */
    public boolean hasClaim(String type, String... allowedValues) {
        List<String> values = claimValues(type);
        if (allowedValues.length == 0) {
            return !values.isEmpty();
        }
        for (String allowed : allowedValues) {
            if (values.contains(allowed)) {
                return true;
            }
        }
        return false;
    }

    private static void addValues(List<String> values, Object value) {
        if (value instanceof Collection<?> collection) {
            collection.forEach(element -> addValues(values, element));
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                addValues(values, Array.get(value, i));
            }
        } else if (value != null) {
            values.add(String.valueOf(value));
        }
    }
}
