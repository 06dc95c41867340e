package dev.switchboard.spring.broken;

import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.spring.MapHub;

/** A hub that needs a bean nobody defines. */
@MapHub("/broken")
public class BrokenHub extends Hub {

    /** Needs a bean nobody defines. */
    public interface Missing {
    }

    public BrokenHub(Missing missing) {
    }

    @HubMethod
    public void ping() {
    }
}
