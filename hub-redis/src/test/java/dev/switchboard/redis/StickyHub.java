package dev.switchboard.redis;

import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Tells a client which server it reached, and broadcasts to every client on every server. */
public class StickyHub extends Hub {

    private final String server;

    @Inject
    public StickyHub(@Named("server") String server) {
        this.server = server;
    }

    @HubMethod
    public String whereAmI() {
        return server;
    }

    @HubMethod
    public void send(String text) {
        clients().all().send("message", text);
    }
}
