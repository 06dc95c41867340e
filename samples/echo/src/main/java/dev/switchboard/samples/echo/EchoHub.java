package dev.switchboard.samples.echo;

import dev.switchboard.Hub;
import dev.switchboard.HubException;
import dev.switchboard.HubMethod;

/**
 * A hub on the same port as {@link EchoEndpoint}, mapped at {@code /hub}, to show that hubs and plain
 * endpoints live side by side: SignalR clients call {@code echo} and get their text back.
 */
public class EchoHub extends Hub {

    /** Where the hub is mapped. */
    public static final String PATH = "/hub";

    /** Returns {@code message} as it came. */
    @HubMethod
    public String echo(String message) {
        if (message == null) {
            throw new HubException("echo needs a message, not null");
        }
        return message;
    }
}
