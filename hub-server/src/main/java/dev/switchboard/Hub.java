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

    /** The clients of this hub, seen from the calling connection. */
    public final Clients clients() {
        return attached(clients);
    }

    /** Adds connections to and removes them from groups of this hub. */
    public final Groups groups() {
        return attached(groups);
    }

    /** The calling connection: its id, user, items, and a way to abort it. */
    public final HubCallerContext context() {
        return attached(context);
    }

    /** Runs when a connection has completed its handshake, before any of its invocations. */
    public void onConnected() throws Exception {
    }

    /**
     * Runs when a connection has ended, after its last invocation.
     *
     * @param exception why the connection ended, or null when it closed normally
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
