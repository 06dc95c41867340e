package dev.switchboard;

/**
 * Base class of every hub. Public methods marked {@link HubMethod} are callable by clients by name.
 *
 * <p>Hubs are transient, as in SignalR: a new instance is created by Guice for each invocation and
 * each lifecycle callback, so keep state in injected singletons, not in fields. {@link #clients()},
 * {@link #groups()} and {@link #context()} are available inside hub methods and callbacks only.
 *
 * <pre>{@code
 * public class ChatHub extends Hub {
 *     @HubMethod
 *     public void send(String text) {
 *         clients().all().send("message", context().connectionId(), text);
 *     }
 * }
 * }</pre>
 */
public abstract class Hub {

    private HubCallerContext context;
    private Clients clients;
    private Groups groups;

    /** {@return the clients of this hub, seen from the calling connection} */
    public final Clients clients() {
        return attached(clients);
    }

    /** {@return the groups of this hub, to add connections to and remove them from} */
    public final Groups groups() {
        return attached(groups);
    }

    /** {@return the calling connection: its id, user, items, and a way to abort it} */
    public final HubCallerContext context() {
        return attached(context);
    }

    /**
     * Runs when a connection has completed its handshake, before any of its invocations.
     *
     * @throws Exception to refuse the connection, which is then closed with an error
     */
    public void onConnected() throws Exception {
    }

    /**
     * Runs when a connection has ended, after its last invocation.
     *
     * @param exception why the connection ended, or null when it closed normally
     * @throws Exception when the clean-up fails; it is logged, and the connection is gone all the same
     */
    public void onDisconnected(Throwable exception) throws Exception {
    }

    private static <T> T attached(T value) {
        if (value == null) {
            throw new IllegalStateException("Hub clients, groups and context exist only inside hub methods and "
                    + "lifecycle callbacks; use HubContext<H> elsewhere");
        }
        return value;
    }
}
