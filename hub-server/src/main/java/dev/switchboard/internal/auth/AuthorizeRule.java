package dev.switchboard.internal.auth;

import dev.switchboard.Authorize;
import dev.switchboard.AuthorizationPolicy;
import dev.switchboard.HubUser;
import dev.switchboard.LogSafe;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an {@link Authorize} asks of a user, read once at start-up: to be authenticated, to have one of the roles
 * when any are named, and to meet the named policy when there is one (both, as ASP.NET Core combines them).
 *
 * @param roles the roles of which one is needed; empty for any authenticated user
 * @param policy the named policy, or null for none
 */
public record AuthorizeRule(Set<String> roles, AuthorizationPolicy policy) {

    private static final Logger log = LoggerFactory.getLogger(AuthorizeRule.class);

    public AuthorizeRule {
        roles = Set.copyOf(roles);
    }

    /**
     * The rule of a hub class or method, or null when it has no {@link Authorize}.
     *
     * @param policies the server's policies by name
     * @throws IllegalArgumentException for a policy name that is not among {@code policies}
     */
    public static AuthorizeRule of(AnnotatedElement element, Map<String, AuthorizationPolicy> policies) {
        Authorize authorize = element.getAnnotation(Authorize.class);
        if (authorize == null) {
            return null;
        }
        AuthorizationPolicy policy = null;
        if (!authorize.policy().isEmpty()) {
            policy = policies.get(authorize.policy());
            if (policy == null) {
                throw new IllegalArgumentException(describe(element) + " has @Authorize(policy = \""
                        + authorize.policy() + "\"), but no authorization policy is named '" + authorize.policy()
                        + "': register it with authorizationPolicy(\"" + authorize.policy() + "\", ...) on the "
                        + "server's builder" + (policies.isEmpty() ? "" : " (registered: " + policies.keySet() + ")"));
            }
        }
        return new AuthorizeRule(Arrays.stream(authorize.roles())
                .flatMap(entry -> Arrays.stream(entry.split(",")))
                .map(String::strip)
                .filter(role -> !role.isEmpty())
                .collect(Collectors.toSet()), policy);
    }

    private static String describe(AnnotatedElement element) {
        return element instanceof Method method
                ? "Hub method " + method.getDeclaringClass().getName() + "." + method.getName()
                : "Hub " + ((Class<?>) element).getName();
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

    /** Whether {@code user}, null when anonymous, meets the rule. */
    public boolean allows(HubUser user) {
        if (user == null) {
            return false;
        }
        if (!roles.isEmpty() && roles.stream().noneMatch(user::isInRole)) {
            return false;
        }
        return policy == null || policy.allows(user);
    }

    /** SignalR's error for an invocation the caller may not make, logged as SignalR logs it. */
    public static String unauthorizedInvocation(String connectionId, String target) {
        log.debug("Connection {}: failed to invoke '{}' because user is unauthorized.", connectionId,
                LogSafe.escape(target));
        return "Failed to invoke '" + target + "' because user is unauthorized";
    }
}
