package dev.switchboard.spring.app;

import dev.switchboard.Authorize;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.spring.MapHub;
import java.util.TreeSet;

/** A hub for signed-in users, two of whose methods only admins may call: by role, and by a named policy. */
@MapHub("/secure")
@Authorize
public class SecureHub extends Hub {

    @HubMethod
    public String whoAmI() {
        return context().user().userId() + " " + new TreeSet<>(context().user().roles()) + " "
                + context().userIdentifier();
    }

    @HubMethod
    @Authorize(roles = "ADMIN")
    public String adminOnly() {
        return "welcome, admin";
    }

    @HubMethod
    @Authorize(policy = TestApplication.ADMINS_POLICY)
    public String adminsByPolicy() {
        return "welcome, admin by policy";
    }
}
