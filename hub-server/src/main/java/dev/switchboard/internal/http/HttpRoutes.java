package dev.switchboard.internal.http;

import dev.switchboard.HttpHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP routes and before-handlers of an embedded server, in the order they were mapped, which is the order
 * they are tried in; the builder's, then a copy in the server's settings.
 */
public final class HttpRoutes {

    /** A route: a method and a path template. */
    record Route(String method, PathTemplate template, HttpHandler handler) {
    }

    /** A before-handler, for every path its template matches. */
    record Before(PathTemplate template, HttpHandler handler) {
    }

    /** A handler that matched a request, with its path parameters. */
    record Matched(HttpHandler handler, Map<String, String> params) {
    }

    /**
     * What the routes say of a request's path: the route to run, or, when routes have the path but not the
     * method, the methods they have.
     *
     * @param route null when no route has the method
     * @param allowed the methods of the routes with this path, for a 405's {@code Allow}
     */
    record RouteMatch(Matched route, Set<String> allowed) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<Before> befores = new ArrayList<>();

    /**
     * Maps a route.
     *
     * @throws IllegalArgumentException for a bad path, or a path and method already mapped
     */
    public void add(String method, String path, HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        PathTemplate template = PathTemplate.parse(path);
        for (Route route : routes) {
            if (route.method().equals(method) && route.template().segments().equals(template.segments())) {
                throw new IllegalArgumentException("An HTTP route is already mapped at " + method + " " + path);
            }
        }
        routes.add(new Route(method, template, handler));
    }

    /**
     * Maps a before-handler.
     *
     * @throws IllegalArgumentException for a bad path
     */
    public void before(String path, HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        befores.add(new Before(PathTemplate.parse(path), handler));
    }

    /** {@return whether nothing is mapped} */
    public boolean isEmpty() {
        return routes.isEmpty() && befores.isEmpty();
    }

    /** {@return a copy that later mappings on this one do not change} */
    public HttpRoutes copy() {
        HttpRoutes copy = new HttpRoutes();
        copy.routes.addAll(routes);
        copy.befores.addAll(befores);
        return copy;
    }

    /**
     * A hub owns its path and its negotiate path, whatever their case, and the bundled client its folder: a
     * route that could match one would never be reached, and is refused.
     *
     * @throws IllegalArgumentException for a route that could match a hub's path or negotiate path, or the client's
     */
    public void checkAvoidHubs(Collection<String> hubPaths) {
        for (Route route : routes) {
            PathTemplate template = route.template();
            for (String hubPath : hubPaths) {
                if (template.overlaps(hubPath) || template.overlaps(hubPath + "/negotiate")) {
                    throw new IllegalArgumentException("HTTP route " + route.method() + " " + template.path()
                            + " cannot be mapped: the hub at " + hubPath + " answers " + hubPath + " and "
                            + hubPath + "/negotiate");
                }
            }
            if (template.overlaps(ClientScripts.PATH + "/switchboard.mjs")) {
                throw new IllegalArgumentException("HTTP route " + route.method() + " " + template.path()
                        + " cannot be mapped: " + ClientScripts.PATH + "/ serves the bundled client");
            }
        }
    }

    /** {@return the before-handlers whose paths match a request's segments, in order} */
    List<Matched> befores(List<String> segments) {
        List<Matched> matched = new ArrayList<>();
        for (Before before : befores) {
            Map<String, String> params = before.template().match(segments);
            if (params != null) {
                matched.add(new Matched(before.handler(), params));
            }
        }
        return matched;
    }

    /** {@return what the routes say of a request, or null when none has its path} */
    RouteMatch route(String method, List<String> segments) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = route.template().match(segments);
            if (params != null) {
                if (route.method().equals(method)) {
                    return new RouteMatch(new Matched(route.handler(), params), Set.of());
                }
                allowed.add(route.method());
            }
        }
        return allowed.isEmpty() ? null : new RouteMatch(null, allowed);
    }
}
