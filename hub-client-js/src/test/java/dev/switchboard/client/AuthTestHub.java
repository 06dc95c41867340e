package dev.switchboard.client;

import dev.switchboard.Authorize;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.HubUser;
import java.util.stream.IntStream;

/**
 * The hub of the JavaScript clients' authentication tests: users only, with methods for admins, by role and by the
 * policy {@value #ALICE_ONLY}; {@link AliceHub} is for that policy's users only.
 */
@Authorize
public class AuthTestHub extends Hub {

    /** The policy of user alice alone. */
    public static final String ALICE_ONLY = "alice-only";

    @HubMethod
    public String whoAmI() {
        HubUser user = context().user();
        return user.userId() + " " + user.roles().stream().sorted().toList();
    }

    @Authorize(roles = "admin")
    @HubMethod
    public String adminOnly() {
        return "secret";
    }

    @Authorize(roles = "admin")
    @HubMethod
    public IntStream adminCount(int count) {
        return IntStream.rangeClosed(1, count);
    }

    @Authorize(policy = ALICE_ONLY)
    @HubMethod
    public String aliceOnly() {
        return "hello alice";
    }

    /** Only for users who meet {@value #ALICE_ONLY}. */
    @Authorize(policy = ALICE_ONLY)
    public static class AliceHub extends Hub {

        @HubMethod
        public String whoAmI() {
            return context().user().userId();
        }
    }
}
