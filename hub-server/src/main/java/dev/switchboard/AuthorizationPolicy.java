package dev.switchboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named rule over the user that {@link Authorize#policy()} asks for, as ASP.NET Core's authorization policies:
 * every requirement must be met. Register it with
 * {@link ServerBuilder#authorizationPolicy(String, AuthorizationPolicy)} (or, with the Spring Boot starter, as a bean
 * named after the policy).
 *
 * <pre>{@code
 * HubServer.builder()
 *         .authenticator(tokens)
 *         .authorizationPolicy("editors", AuthorizationPolicy.builder()
 *                 .requireRole("admin", "editor")
 *                 .requireClaim("department", "news", "sport")
 *                 .requireAssertion(user -> !user.userId().startsWith("guest-"))
 *                 .build())
 *         .hub("/docs", DocsHub.class);   // @Authorize(policy = "editors")
 * }</pre>
 *
 * <p>A policy is met by authenticated users only: an anonymous request never passes an {@link Authorize}.
 */
public final class AuthorizationPolicy {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationPolicy.class);

    private final List<Predicate<HubUser>> requirements;

    private AuthorizationPolicy(List<Predicate<HubUser>> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /**
     * A policy without requirements yet.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a user meets every requirement. A requirement that throws is not met; the failure is logged.
     *
     * @param user the user, or null for an anonymous request
     * @return true when {@code user} is authenticated and meets every requirement
     */
    public boolean allows(HubUser user) {
        if (user == null) {
            return false;
        }
        for (Predicate<HubUser> requirement : requirements) {
            try {
                if (!requirement.test(user)) {
                    return false;
                }
            } catch (RuntimeException e) {
                log.error("An authorization requirement failed for user {}", LogSafe.escape(user.userId()), e);
                return false;
            }
        }
        return true;
    }

    /** Gathers the requirements of a policy, as ASP.NET Core's {@code AuthorizationPolicyBuilder}. */
    public static final class Builder {

        private final List<Predicate<HubUser>> requirements = new ArrayList<>();

        private Builder() {
        }

        /**
         * Requires one of some roles, matched as {@link HubUser#isInRole(String)} matches them.
         *
         * @param roles the roles of which the user needs at least one; not empty
         * @return this builder
         */
        public Builder requireRole(String... roles) {
            Set<String> allowed = Set.copyOf(Arrays.asList(roles));
            if (allowed.isEmpty()) {
                throw new IllegalArgumentException("requireRole needs at least one role");
            }
            requirements.add(user -> allowed.stream().anyMatch(user::isInRole));
            return this;
        }

        /**
         * Requires a claim, as {@link HubUser#hasClaim(String, String...)} finds it: present, and when values are
         * given, with one of them.
         *
         * @param type the claim's name, matched ignoring case as ASP.NET Core matches claim types
         * @param allowedValues the values of which the claim needs one, matched exactly; any value when none
         * @return this builder
         */
        public Builder requireClaim(String type, String... allowedValues) {
            Objects.requireNonNull(type, "type");
            String[] values = allowedValues.clone();
            requirements.add(user -> user.hasClaim(type, values));
            return this;
        }

        /**
         * Requires what code decides, as ASP.NET Core's {@code RequireAssertion}.
         *
         * @param assertion true when the user, never null, is allowed; it runs on every request or invocation it
         *        guards, so it must be quick and must not block
         * @return this builder
         */
        public Builder requireAssertion(Predicate<HubUser> assertion) {
            requirements.add(Objects.requireNonNull(assertion, "assertion"));
            return this;
        }

        /**
         * The policy.
         *
         * @return a policy of the requirements gathered so far; with none, any authenticated user meets it
         */
        public AuthorizationPolicy build() {
            return new AuthorizationPolicy(requirements);
        }
    }
}
