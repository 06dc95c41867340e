package dev.switchboard;

import java.util.List;
import java.util.stream.Stream;

/** A hub for authenticated users only, with methods for some roles. */
@Authorize
public class SecureHub extends Hub {

    @HubMethod
    public String whoAmI() {
        HubUser user = context().user();
        return user.userId() + " " + user.roles().stream().sorted().toList();
    }

    @HubMethod
    public String userIdentifier() {
        return context().userIdentifier();
    }

    @Authorize(roles = "admin")
    @HubMethod
    public String adminOnly() {
        return "secret";
    }

    @Authorize(roles = {"ops, auditor", "admin"})
    @HubMethod
    public String opsOrAuditor() {
        return "report";
    }

    @Authorize(roles = "admin")
    @HubMethod
    public Stream<Integer> adminCount(int count) {
        return Stream.iterate(1, i -> i + 1).limit(count);
    }

    @HubMethod
    public void tellUser(String userId, String message) {
        clients().user(userId).send("msg", message);
    }

    @HubMethod
    public void tellUsers(List<String> userIds, String message) {
        clients().users(userIds).send("msg", message);
    }

}
