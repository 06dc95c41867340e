package dev.switchboard.spring;

import dev.switchboard.Authenticator;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubUser;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.util.ClassUtils;

/**
 * The starter's {@link Authenticator} when the application defines none: the hub's user is the user the servlet
 * container authenticated for the request ({@link ConnectionRequest#userPrincipal()}), which under Spring Security
 * is its {@code Authentication}. The user's id is the principal's name; under Spring Security, its roles are the
 * authorities named {@code ROLE_x}, as {@code x}, so that {@code hasRole("ADMIN")} and
 * {@code @Authorize(roles = "ADMIN")} agree, and every authority's name (scopes and factors too, such as
 * {@code SCOPE_chat} or {@code FACTOR_PASSWORD}) is in the claim {@value #AUTHORITIES}, a list of strings. An
 * anonymous request (no principal, or Spring Security's anonymous authentication) is anonymous to the hubs.
 *
 * <p>Access tokens are left to the application's security: this authenticator reads none.
 */
public final class PrincipalAuthenticator implements Authenticator {

    private static final boolean SPRING_SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.Authentication", PrincipalAuthenticator.class.getClassLoader());

    /** The claim that lists every authority of a Spring Security user, roles included, as strings. */
    public static final String AUTHORITIES = "authorities";

    /** An authenticator of the container's principals. */
    public PrincipalAuthenticator() {
    }

    @Override
    public HubUser authenticate(ConnectionRequest request, String accessToken) {
        Principal principal = request.userPrincipal();
        if (principal == null) {
            return null;
        }
        if (SPRING_SECURITY) {
            return SecurityUsers.user(principal);
        }
        return new HubUser(principal.getName(), Set.of(), Map.of());
    }

    /** Roles from authority names: {@code ROLE_ADMIN} is {@code ADMIN}; names without the prefix are no roles. */
    static Set<String> roles(Iterable<String> authorities) {
        Set<String> roles = new LinkedHashSet<>();
        for (String authority : authorities) {
            if (authority != null && authority.startsWith("ROLE_")) {
                roles.add(authority.substring("ROLE_".length()));
            }
        }
        return roles;
    }
}
