package dev.switchboard.client;

import com.google.inject.Inject;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;

/** The hub of {@link RestartIntegrationTest}: tells which of the servers started on one port answers. */
public class RestartTestHub extends Hub {

    /** The how-manieth server on the port this one is: 1 for the first. */
    public record Generation(int value) {
    }

    private final Generation generation;

    @Inject
    public RestartTestHub(Generation generation) {
        this.generation = generation;
    }

    @HubMethod
    public int generation() {
        return generation.value();
    }
}
