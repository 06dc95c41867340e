package dev.switchboard.samples.echo;

import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;

/**
 * Assembles the echo sample's server: the plain endpoint, the connection handler, the hub and the page, all on one
 * port.
 */
public final class EchoServer {

    private EchoServer() {
    }

    /**
     * A server, not yet started.
     *
     * @param port the port to listen on; 0 picks a free one
     */
    public static HubServer create(int port) {
        return HubServer.builder()
                .port(port)
                .endpoint(EchoEndpoint.class)
                .connectionHandler(EchoConnectionHandler.PATH, EchoConnectionHandler.class, HubOptions.defaults()
                        .withMaximumReceiveMessageSize(EchoConnectionHandler.MAX_MESSAGE_BYTES))
                .hub(EchoHub.PATH, EchoHub.class)
                .staticResources("static")
                .build();
    }
}
