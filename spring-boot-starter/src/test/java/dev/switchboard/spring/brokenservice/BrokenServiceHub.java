package dev.switchboard.spring.brokenservice;

import dev.switchboard.FromServices;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.spring.MapHub;

/** A hub whose method takes a bean nobody defines. */
@MapHub("/broken-service")
public class BrokenServiceHub extends Hub {

    /** No bean has this type. */
    public interface Missing {
    }

    @HubMethod
    public void send(String text, @FromServices Missing missing) {
    }
}
