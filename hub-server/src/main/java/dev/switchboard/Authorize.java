package dev.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Allows only authenticated users, optionally only those with one of some roles, or who meet a named
 * {@link AuthorizationPolicy}, or both, as ASP.NET's {@code [Authorize]} does. Needs the server's
 * {@link Authenticator}.
 *
 * <p>On a hub class, every HTTP request to the hub (negotiate, WebSocket upgrades, polls, sends, event streams) is
 * checked: without a user it is refused with 401, and with a user lacking every role or failing the policy, with
 * 403, as ASP.NET Core answers (an empty body; the official clients report "Unauthorized" or "Forbidden"). On a
 * {@link HubMethod}, each invocation is checked and a refused one is answered with the error "Failed to invoke
 * 'name' because user is unauthorized"; the method does not run.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Authorize {

    /**
     * The roles of which the user needs at least one; any authenticated user when empty. An entry may list
     * several, separated by commas, as ASP.NET's {@code Roles = "admin,ops"} does.
     *
     * @return the roles allowed
     */
    String[] roles() default {};

    /**
     * The name of an {@link AuthorizationPolicy} the user must meet as well as {@link #roles()}, as registered with
     * {@link ServerBuilder#authorizationPolicy(String, AuthorizationPolicy)}; none when empty. A name that is not
     * registered fails the server's build.
     *
     * @return the policy's name
     */
    String policy() default "";
}
