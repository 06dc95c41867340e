package dev.switchboard.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.util.Set;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/** Embedded Tomcat 11 with its WebSocket container (WsSci), on a free loopback port. */
final class TomcatContainer {

    private TomcatContainer() {
    }

    static ServletContainer start(ServletContainerInitializer hubs, Set<Class<?>> classes)
            throws LifecycleException, java.io.IOException {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(new WsSci(), null);
        // A default servlet, as a standalone Tomcat and Spring Boot have one (not asynchronous, as Tomcat's own):
        // without one, Tomcat answers unmapped paths with 404 before any filter runs.
        Tomcat.addServlet(context, "default", new NotFound());
        context.addServletMappingDecoded("/", "default");
        context.addServletContainerInitializer(hubs, classes.isEmpty() ? null : classes);
        tomcat.start();
        int port = connector.getLocalPort();
        return new ServletContainer() {
            public int port() {
                return port;
            }

            public ServletContainer.Kind kind() {
                return ServletContainer.Kind.TOMCAT;
            }

            public void stopContext() throws Exception {
                context.stop();
            }

            public void close() throws Exception {
                tomcat.stop();
                tomcat.destroy();
            }
        };
    }

    /** Answers 404, as the default servlet does for a file it does not have. */
    private static final class NotFound extends jakarta.servlet.http.HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(jakarta.servlet.http.HttpServletRequest request,
                               jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
            response.sendError(404);
        }
    }
}
