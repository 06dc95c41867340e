package dev.switchboard.servlet;

import dev.switchboard.HubServer;
import jakarta.servlet.ServletContainerInitializer;
import java.util.Set;
import java.util.function.UnaryOperator;

/** An embedded servlet container on a free loopback port with hubs registered, stopped by {@link #close()}. */
interface ServletContainer extends AutoCloseable {

    /** The two containers tested. */
    enum Kind {
        JETTY, TOMCAT
    }

    /**
     * {@return the containers on this test run's class path: each surefire and failsafe execution has one, with its
     * own Servlet and WebSocket API classes}
     */
    static java.util.List<Kind> available() {
        java.util.List<Kind> kinds = new java.util.ArrayList<>();
        if (present("org.eclipse.jetty.ee10.servlet.ServletContextHandler")) {
            kinds.add(Kind.JETTY);
        }
        if (present("org.apache.catalina.startup.Tomcat")) {
            kinds.add(Kind.TOMCAT);
        }
        return kinds;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ServletContainer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** {@return the port it listens on} */
    int port();

    /** {@return which container} */
    Kind kind();

    /** Stops the servlet context alone, its connectors still up: the context is destroyed, which drains the hubs. */
    void stopContext() throws Exception;

    /** Starts a container with these hubs registered with {@link HubServlets#register}. */
    static ServletContainer hosting(Kind kind, dev.switchboard.spi.host.HubHost host) throws Exception {
        ServletContainerInitializer register = (classes, context) -> HubServlets.register(context, host);
        return start(kind, register, Set.of());
    }

    /** Stops the container: its context is destroyed, which drains the hubs. */
    @Override
    void close() throws Exception;

    /**
     * Starts a container whose hubs are found the container's way: {@link SwitchboardContainerInitializer} with the
     * given {@link HubInitializer} classes, as the container's scan would hand them.
     */
    static ServletContainer withInitializers(Kind kind, Class<?>... initializers) throws Exception {
        return start(kind, new SwitchboardContainerInitializer(), Set.of(initializers));
    }

    /** Starts a container whose hubs are registered with {@link HubServlets#register}. */
    static ServletContainer programmatic(Kind kind, UnaryOperator<HubServer.Builder> hubs) throws Exception {
        ServletContainerInitializer register = (classes, context) ->
                HubServlets.register(context, hubs.apply(HubServer.builder()).buildHost());
        return start(kind, register, Set.of());
    }

    private static ServletContainer start(Kind kind, ServletContainerInitializer hubs, Set<Class<?>> classes)
            throws Exception {
        return kind == Kind.JETTY ? JettyContainer.start(hubs, classes) : TomcatContainer.start(hubs, classes);
    }

}
