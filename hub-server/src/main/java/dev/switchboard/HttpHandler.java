package dev.switchboard;

/**
 * A plain HTTP handler on the embedded server, beside the hubs: an HTTP route mapped with
 * {@link HubServer.Builder#get(String, HttpHandler)} and its siblings, or a before-handler mapped with
 * {@link HubServer.Builder#before(String, HttpHandler)}, as Javalin's handlers are.
 *
 * <pre>{@code
 * HubServer.builder()
 *         .hub("/chat", ChatHub.class)
 *         .get("/users/{id}", ctx -> ctx.json(users.find(ctx.pathParam("id"))))
 *         .post("/token", ctx -> ctx.result(tokens.issue(ctx.body())))
 *         .build();
 * }</pre>
 *
 * <p>A handler may block (on a database, say): it runs on a thread of the server's own, never on a network
 * thread, once the whole request body has arrived. What it throws is answered {@code 500 Internal Server Error}
 * with a generic body, and logged with its stack trace.
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
