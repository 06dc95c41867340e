package dev.switchboard;

/**
 * Reaches the clients and groups of hub {@code H} from outside a hub, such as a background service
 * or a timer. Inject it: {@code @Inject HubContext<ChatHub> chat}. The injector must have
 * {@link SwitchboardModule} for {@code H} installed.
 */
public interface HubContext<H extends Hub> {

    HubClients clients();

    Groups groups();
}
