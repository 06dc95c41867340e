package dev.switchboard.samples.chat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.Backplane;
import dev.switchboard.HubContext;
import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.Transport;

/** Assembles the chat room's server: the hub at {@code /chat} and the page at {@code /}. */
public final class ChatServer {

    private ChatServer() {
    }

    /**
     * A plain server, not yet started, with a chat room of its own.
     *
     * @param port the port to listen on; 0 picks a free one
     */
    public static HubServer create(int port) {
        return create(ChatOptions.onPort(port));
    }

    /**
     * A server, not yet started, with a chat room of its own, as the command line asks but for {@code --redis},
     * which takes {@link #create(ChatOptions, RedisChat)}.
     */
    public static HubServer create(ChatOptions options) {
        return create(options, null);
    }

    /**
     * A server, not yet started, as the command line asks.
     *
     * @param redis what joins the server to the others on one Redis in one chat room, or null for a room of its
     *              own; its owner closes it after the server
     */
    public static HubServer create(ChatOptions options, RedisChat redis) {
        NicknameRegistry registry = redis == null ? new LocalNicknames() : redis.nicknames();
        Backplane backplane = redis == null ? null : redis.backplane();
        // Each server gets its own injector, hence its own ChatRoom singleton.
        Injector injector = Guice.createInjector(new SwitchboardModule(backplane, ChatHub.class),
                binder -> binder.bind(NicknameRegistry.class).toInstance(registry));
        HubContext<ChatHub> hub = injector.getInstance(SwitchboardModule.contextKey(ChatHub.class));
        registry.onDeparted(nickname -> hub.clients().group(ChatHub.EVERYONE).send("userLeft", nickname));
        HubServer.Builder builder = HubServer.builder()
                .port(options.port())
                .hub("/chat", ChatHub.class)
                .injector(injector)
                .maxConnections(options.maxConnections())
                .options(HubOptions.defaults().withTransports(options.transports().toArray(Transport[]::new)))
                .staticResources("static");
        if (backplane != null) {
            builder.backplane(backplane);
        }
        if (options.keystore() != null) {
            builder.tls(options.keystore(), options.keystorePassword());
        }
        return builder.build();
    }
}
