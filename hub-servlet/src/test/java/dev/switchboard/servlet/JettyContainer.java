package dev.switchboard.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 (ee10) with Jakarta WebSockets, on a free loopback port. */
final class JettyContainer {

    private JettyContainer() {
    }

    static ServletContainer start(ServletContainerInitializer hubs, Set<Class<?>> classes) throws Exception {
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

            public ServletContainer.Kind kind() {
                return ServletContainer.Kind.JETTY;
            }

            public void stopContext() throws Exception {
                context.stop();
            }

            public void close() throws Exception {
                server.stop();
            }
        };
    }

}
