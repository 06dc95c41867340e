package dev.switchboard.internal.transport;

import dev.switchboard.HubOptions;
import dev.switchboard.internal.connection.HubConnectionHandler;

/** A hub mapped at a path: where its transports listen, its limits, and who handles its connections. */
public record HubEndpoint(String path, HubOptions options, HubConnectionHandler handler) {
}
