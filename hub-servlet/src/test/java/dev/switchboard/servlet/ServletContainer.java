package dev.switchboard.servlet;

import dev.switchboard.HubServer;
import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** An embedded servlet container on a free loopback port with hubs registered, stopped by {@link #close()}. */
interface ServletContainer extends AutoCloseable {

    /** The two containers tested. */
    enum Kind {
        JETTY, TOMCAT
    }

    /** {@return the port it listens on} */
    int port();

    /** {@return which container} */
    Kind kind();

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
        return kind == Kind.JETTY ? jetty(hubs, classes) : tomcat(hubs, classes);
    }

    private static ServletContainer jetty(ServletContainerInitializer hubs, Set<Class<?>> classes) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        context.addServletContainerInitializer(hubs, classes.toArray(Class<?>[]::new));
        server.setHandler(context);
        server.setStopTimeout(10_000);
        server.start();
        int port = connector.getLocalPort();
        return new ServletContainer() {
            public int port() {
                return port;
            }

            public Kind kind() {
                return Kind.JETTY;
            }

            public void close() throws Exception {
                server.stop();
            }
        };
    }

    private static ServletContainer tomcat(ServletContainerInitializer hubs, Set<Class<?>> classes)
            throws LifecycleException, java.io.IOException {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer(hubs, classes.isEmpty() ? null : classes);
        tomcat.start();
        int port = connector.getLocalPort();
        return new ServletContainer() {
            public int port() {
                return port;
            }

            public Kind kind() {
                return Kind.TOMCAT;
            }

            public void close() throws Exception {
                tomcat.stop();
                tomcat.destroy();
            }
        };
    }
}
