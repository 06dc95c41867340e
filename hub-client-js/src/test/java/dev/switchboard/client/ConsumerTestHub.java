package dev.switchboard.client;

import dev.switchboard.Authorize;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;

/** The hub that {@code test/consumer/} scripts call through the packed npm package; users only. */
@Authorize
public class ConsumerTestHub extends Hub {

    /** Answers, and calls the caller back, as who the server took it for. */
    @HubMethod
    public String greet(String name) {
        String user = context().user().userId();
        clients().caller().send("calledBack", "called back " + name + " as " + user);
        return "hello " + name;
    }
}
