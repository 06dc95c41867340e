package dev.switchboard.client;

import dev.switchboard.Authorize;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.HubUser;
import java.util.stream.IntStream;

/** The hub of the JavaScript clients' authentication tests: users only, with a method for admins. */
@Authorize
public class AuthTestHub extends Hub {

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
}
