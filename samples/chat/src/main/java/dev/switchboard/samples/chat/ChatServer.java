package dev.switchboard.samples.chat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;

/** Assembles the chat room's server: the hub at {@code /chat} and the page at {@code /}. */
public final class ChatServer {

    private ChatServer() {
    }

    /**
     * A server, not yet started, with a chat room of its own.
     *
     * @param port the port to listen on; 0 picks a free one
     */
    public static HubServer create(int port) {
        // Each server gets its own injector, hence its own ChatRoom singleton.
        Injector injector = Guice.createInjector(new SwitchboardModule(ChatHub.class));
        return HubServer.builder()
                .port(port)
                .hub("/chat", ChatHub.class)
                .injector(injector)
                .staticResources("static")
                .build();
    }
}
