package dev.switchboard.servlet;

import dev.switchboard.HubServer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import java.lang.reflect.Modifier;
import java.util.Set;

/**
 * The container's way in: a {@link ServletContainerInitializer} (listed in {@code META-INF/services}) that, for
 * each concrete {@link HubInitializer} the container found, makes the initializer, lets it configure a fresh
 * {@link HubServer#builder()}, builds the hubs with {@link HubServer.Builder#buildHost()} and registers them with
 * {@link HubServlets#register}.
 */
@HandlesTypes(HubInitializer.class)
public final class SwitchboardContainerInitializer implements ServletContainerInitializer {

    /** Made by the container. */
    public SwitchboardContainerInitializer() {
    }

    /**
     * Registers the hubs of every {@link HubInitializer} found.
     *
     * @param classes the classes the container found that implement {@link HubInitializer}, or null for none
     * @param context the context starting
     * @throws ServletException when an initializer cannot be made or fails, or its hubs cannot be built
     */
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        if (classes == null) {
            return;
        }
        for (Class<?> type : classes) {
            if (!HubInitializer.class.isAssignableFrom(type) || type.isInterface()
                    || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            try {
                HubInitializer initializer = (HubInitializer) type.getDeclaredConstructor().newInstance();
                HubServer.Builder hubs = HubServer.builder();
                initializer.configure(hubs, context);
                HubServlets.register(context, hubs.buildHost());
            } catch (ServletException e) {
                throw e;
            } catch (Exception e) {
                throw new ServletException("Switchboard: " + type.getName() + " failed: " + e.getMessage(), e);
            }
        }
    }
}
