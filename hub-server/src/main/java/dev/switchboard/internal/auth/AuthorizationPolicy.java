package dev.switchboard.internal.auth;

import dev.switchboard.Authorize;
import dev.switchboard.HubUser;
import dev.switchboard.LogSafe;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an {@link Authorize} asks of a user, read once at start-up: to be authenticated, and to have one of the
 * roles when any are named.
 *
 * @param roles the roles of which one is needed; empty for any authenticated user
 */
public record AuthorizationPolicy(Set<String> roles) {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationPolicy.class);

    public AuthorizationPolicy {
        roles = Set.copyOf(roles);
    }

    /** The policy of a hub class or method, or null when it has no {@link Authorize}. */
    public static AuthorizationPolicy of(AnnotatedElement element) {
        Authorize authorize = element.getAnnotation(Authorize.class);
        if (authorize == null) {
            return null;
        }
        return new AuthorizationPolicy(Arrays.stream(authorize.roles())
                .flatMap(entry -> Arrays.stream(entry.split(",")))
                .map(String::strip)
                .filter(role -> !role.isEmpty())
                .collect(Collectors.toSet()));
    }

    /** Whether {@code hubType} or any of its public methods has an {@link Authorize}. */
    public static boolean anyIn(Class<?> hubType) {
        if (hubType.isAnnotationPresent(Authorize.class)) {
            return true;
        }
        for (Method method : hubType.getMethods()) {
            if (method.isAnnotationPresent(Authorize.class)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code user}, null when anonymous, meets the policy. */
    public boolean allows(HubUser user) {
        if (user == null) {
            return false;
        }
        if (roles.isEmpty()) {
            return true;
        }
        for (String role : roles) {
            if (user.isInRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** SignalR's error for an invocation the caller may not make, logged as SignalR logs it. */
    public static String unauthorizedInvocation(String connectionId, String target) {
        log.debug("Connection {}: failed to invoke '{}' because user is unauthorized.", connectionId,
                LogSafe.escape(target));
        return "Failed to invoke '" + target + "' because user is unauthorized";
    }
}
