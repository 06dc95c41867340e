package dev.switchboard.internal.bench;

import dev.switchboard.Hub;
import dev.switchboard.HubMethod;

/** The smallest useful hub: one method that binds a string argument and returns a value. */
public class MicroHub extends Hub {

    @HubMethod
    public String echo(String text) {
        return text;
    }
}
