package dev.switchboard.servlet;

import dev.switchboard.HubServer;
import jakarta.servlet.ServletContext;

/**
 * Maps hubs in a servlet container without code at start-up: a class implementing this, with a public no-argument
 * constructor, is found by the container through {@link SwitchboardContainerInitializer} (in a WAR, or wherever the
 * container scans for {@code jakarta.servlet.annotation.HandlesTypes}), given a fresh {@link HubServer#builder()},
 * and its hubs are registered with {@link HubServlets#register}.
 *
 * <pre>{@code
 * public final class ChatHubs implements HubInitializer {
 *     public void configure(HubServer.Builder hubs, ServletContext context) {
 *         hubs.hub("/chat", ChatHub.class).allowedOrigins("https://example.com");
 *     }
 * }
 * }</pre>
 */
public interface HubInitializer {

    /**
     * Maps hubs and sets options on the builder; the container's own settings (port, TLS, static files) are not
     * the builder's to set.
     *
     * @param hubs a fresh builder, of which {@link HubServer.Builder#buildHost()} is called afterwards
     * @param context the servlet context the hubs are registered in
     * @throws Exception when the hubs cannot be configured; the context then fails to start
     */
    void configure(HubServer.Builder hubs, ServletContext context) throws Exception;
}
