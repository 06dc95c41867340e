package dev.switchboard.internal.host;

import dev.switchboard.internal.http.HubRoute;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules for where hubs and plain WebSocket endpoints may be mapped. Hub paths are matched ignoring case, as
 * ASP.NET Core's routing matches them (ordinal, ignoring case).
 */
public final class Routes {

    private Routes() {
    }

    /** @throws IllegalArgumentException for a path that does not name a resource, such as {@code /chat} */
    public static String hubPath(String path) {
        if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/")
                || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("A hub path starts with / and names a resource, such as /chat; "
                    + "not " + path);
        }
        return path;
    }

    /**
     * {@return the path of a plain endpoint, from its annotation}
     *
     * @throws IllegalArgumentException for a class without {@code @ServerEndpoint} or a path without a leading /
     */
    public static String endpointPath(Class<?> annotatedEndpoint) {
        ServerEndpoint annotation = annotatedEndpoint.getAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            throw new IllegalArgumentException(annotatedEndpoint.getName() + " is not annotated with "
                    + "@ServerEndpoint; a plain WebSocket endpoint must be, such as @ServerEndpoint(\"/echo\")");
        }
        String path = annotation.value();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("The @ServerEndpoint path of " + annotatedEndpoint.getName()
                    + " must start with /, not " + path);
        }
        return path;
    }

    /** A hub owns its path and its negotiate path: an upgrade to either must reach the hub. */
    static void checkEndpointsAvoidHubs(Map<String, Class<?>> endpoints, Map<String, ServerSettings.HubRoute> hubs) {
        for (Map.Entry<String, Class<?>> endpoint : endpoints.entrySet()) {
            for (Map.Entry<String, ServerSettings.HubRoute> hub : hubs.entrySet()) {
                String hubPath = hub.getKey();
                if (endpoint.getKey().equals(hubPath) || endpoint.getKey().equals(hubPath + "/negotiate")) {
                    throw new IllegalArgumentException("WebSocket endpoint " + endpoint.getValue().getName()
                            + " cannot be mapped at " + endpoint.getKey() + ": hub "
                            + hub.getValue().hub().getName() + " is mapped at " + hubPath);
                }
            }
        }
    }

    /**
     * @throws IllegalArgumentException for two hubs or connection handlers whose paths differ only in case, which no
     *         request could tell apart
     */
    static void checkHubPathsDiffer(Collection<String> paths) {
        Map<String, String> byKey = new HashMap<>();
        for (String path : paths) {
            String other = byKey.putIfAbsent(HubRoute.caseKey(path), path);
            if (other != null) {
                throw new IllegalArgumentException("Hubs are mapped at " + other + " and " + path + ", which differ "
                        + "only in case: hub paths are matched ignoring case, as in ASP.NET Core");
            }
        }
    }

    /** @throws IllegalArgumentException for a plain endpoint at a connection handler's path or negotiate path */
    static void checkEndpointsAvoidHandlers(Map<String, Class<?>> endpoints,
                                            Map<String, ServerSettings.HandlerRoute> handlers) {
        for (Map.Entry<String, Class<?>> endpoint : endpoints.entrySet()) {
            for (Map.Entry<String, ServerSettings.HandlerRoute> handler : handlers.entrySet()) {
                String path = handler.getKey();
                if (endpoint.getKey().equals(path) || endpoint.getKey().equals(path + "/negotiate")) {
                    throw new IllegalArgumentException("WebSocket endpoint " + endpoint.getValue().getName()
                            + " cannot be mapped at " + endpoint.getKey() + ": connection handler "
                            + handler.getValue().handlerClass().getName() + " is mapped at " + path);
                }
            }
        }
    }
}
