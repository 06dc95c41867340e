package dev.switchboard;

/**
 * A plain HTTP handler on the embedded server, beside the hubs: an HTTP route mapped with
 * {@link HubServer.Builder#get(String, HttpHandler) HubServer.Builder.get(String, HttpHandler)} and its
 * siblings, or a before-handler mapped with
 * {@link HubServer.Builder#before(String, HttpHandler) HubServer.Builder.before(String, HttpHandler)}, as
 * Javalin's handlers are.
 *
 * <pre>{@code
 * HubServer.builder()
 *         .hub("/chat", ChatHub.class)
 *         .get("/users/{id}", ctx -> ctx.json(users.find(ctx.pathParam("id"))))
 *         .post("/token", ctx -> ctx.result(tokens.issue(ctx.body())))
 *         .build();
 * }</pre>
 *
 * <p><b>Routes.</b> A route's path is literal segments, path parameters such as {@code /users/{id}}
 * ({@link HttpContext#pathParam(String)}), and may end with {@code *} for whatever follows; a trailing slash is
 * ignored. Routes are tried in the order they were mapped, before the static content; a path that routes have, but
 * not for the request's method, is answered 405, and a path nothing serves 404. Foreign origins are answered as on
 * the hubs' HTTP transports ({@link HubServer.Builder#allowedOrigins(String...)}). A route that could match a hub's
 * path or negotiate path, in any case, or the bundled client's {@code /switchboard/}, fails
 * {@link HubServer.Builder#build()}.
 *
 * <p><b>Before-handlers</b> run, in the order they were added, ahead of whatever answers a request their path
 * matches: a route, a hub's negotiate, the bundled client, static content, the 404 page. The headers and cookies
 * they set go out with that answer; one that calls {@link HttpContext#skipRemainingHandlers()} answers the request
 * itself. The hubs' own transports (WebSockets, Server-Sent Events, long polling) pass none: authentication belongs
 * in the server's {@link Authenticator}, which sees them all. A cookie set on negotiate is sent by the clients on
 * their transport.
 *
 * <p><b>Threads.</b> A handler may block (on a database, say): it runs on a bounded pool of the server's own, as
 * large as {@link HubServer.Builder#hubThreads(int)}, never on a network thread, once the whole request body has
 * arrived within {@link ServerLimits#maxRequestBodySize()}; when the pool's queue is full, requests are answered
 * 503. What a handler throws is answered {@code 500 Internal Server Error} with a generic body, and logged with its
 * stack trace.
 */
@FunctionalInterface
public interface HttpHandler {

    /**
     * Handles one request.
     *
     * @param ctx the request, and the response to fill
     * @throws Exception for a 500
     */
    void handle(HttpContext ctx) throws Exception;
}
