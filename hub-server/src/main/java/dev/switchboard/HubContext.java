package dev.switchboard;

/**
 * Reaches the clients and groups of hub {@code H} from outside a hub, such as a background service
 * or a timer. Inject it: {@code @Inject HubContext<ChatHub> chat}. The injector must have
 * {@link SwitchboardModule} for {@code H} installed.
 */
public interface HubContext<H extends Hub> {

    /**
     * {@return the hub's clients, for sends, client results ({@link HubClients#client(String)}) and the client
     * interfaces the hub declares}
     */
    HubClients clients();

    /** {@return the hub's groups} */
    Groups groups();
}
