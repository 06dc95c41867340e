package dev.switchboard.internal.dispatch;

import dev.switchboard.Clients;
import dev.switchboard.Groups;
import dev.switchboard.Hub;
import dev.switchboard.HubCallerContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Gives a fresh hub instance its caller context, clients and groups. The fields are private to
 * {@link Hub} so that users cannot set them; the handles to them are resolved once.
 */
final class HubActivator {

    private static final VarHandle CONTEXT;
    private static final VarHandle CLIENTS;
    private static final VarHandle GROUPS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Hub.class, MethodHandles.lookup());
            CONTEXT = lookup.findVarHandle(Hub.class, "context", HubCallerContext.class);
            CLIENTS = lookup.findVarHandle(Hub.class, "clients", Clients.class);
            GROUPS = lookup.findVarHandle(Hub.class, "groups", Groups.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private HubActivator() {
    }

    static void activate(Hub hub, HubCallerContext context, Clients clients, Groups groups) {
        CONTEXT.set(hub, context);
        CLIENTS.set(hub, clients);
        GROUPS.set(hub, groups);
    }
}
