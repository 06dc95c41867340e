package dev.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Allows only authenticated users, optionally only those with one of some roles, as ASP.NET's
 * {@code [Authorize]} does. Needs the server's {@link Authenticator}.
 *
 * <p>On a hub class, every request to the hub is checked: without a user, negotiate and WebSocket upgrades are
 * refused with 401, and with a user lacking every role, with 403. On a {@link HubMethod}, each invocation is
 * checked and a refused one is answered with the error "Failed to invoke 'name' because user is unauthorized";
 * the method does not run.
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
}
