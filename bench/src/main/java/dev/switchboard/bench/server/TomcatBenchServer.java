package dev.switchboard.bench.server;

import com.google.inject.Guice;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.servlet.HubServlets;
import dev.switchboard.spi.host.HubHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The same {@link BenchHub} at {@code /chat} as {@link BenchServer}, served by hub-servlet in an embedded Tomcat
 * (Tomcat's defaults: one NIO connector, its WebSocket implementation through {@link WsSci}):
 * {@code TomcatBenchServer <port>}. It prints {@code ready <port>}, answers {@code heap} on standard input as
 * {@link BenchServer} does, and stops when standard input ends.
 */
public final class TomcatBenchServer {

    private TomcatBenchServer() {
    }

    public static void main(String[] args) throws IOException, LifecycleException {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        HubHost host = HubServer.builder()
                .hub("/chat", BenchHub.class)
                .injector(Guice.createInjector(new SwitchboardModule(BenchHub.class)))
                .buildHost();
        Path baseDir = Files.createTempDirectory("bench-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        StandardContext context = (StandardContext) tomcat.addContext("", null);
        // As Spring Boot does: this JVM runs one context and never reloads it, so there is no leak to look for
        // at shutdown, and the look would need --add-opens.
        context.setClearReferencesThreadLocals(false);
        context.setClearReferencesRmiTargets(false);
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> HubServlets.register(servletContext, host),
                null);
        tomcat.start();
        System.out.println("ready " + connector.getLocalPort());
        System.out.flush();
        BenchServer.answerCommands();
        // Destroying the context stops the hubs (hub-servlet drains them).
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
