package dev.switchboard.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.LogSafe;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the application's HTTP routes and before-handlers, which may block, on a bounded pool of threads of their
 * own, never on Grizzly's; a full queue is answered 503. Before-handlers run ahead of whatever answers the request:
 * a route, or the Grizzly handler this pipeline wraps (negotiate, the bundled client, static content, the 404
 * page). A request that nothing matches goes straight to that handler, on Grizzly's thread.
 */
public final class HttpPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpPipeline.class);
    /** Requests waiting for a thread, for each thread, past which they are answered 503. */
    private static final int QUEUE_PER_THREAD = 64;

    private final HttpRoutes routes;
    private final ObjectMapper mapper;
    private final OriginPolicy origins;
    private final long maxBody;
    /** Null without routes or before-handlers. */
    private final ThreadPoolExecutor threads;

    /**
     * @param threads how many handlers may run at once
     * @param maxBody the largest request body read, in bytes
     */
    public HttpPipeline(HttpRoutes routes, ObjectMapper mapper, OriginPolicy origins, long maxBody, int threads) {
        this.routes = routes.copy();
        this.mapper = mapper;
        this.origins = origins;
        this.maxBody = maxBody;
        this.threads = routes.isEmpty() ? null : new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_PER_THREAD * threads), new DaemonThreads("switchboard-http-"));
    }

    /** {@return {@code next} behind the before-handlers, and, with {@code routing}, behind the routes too} */
    HttpHandler wrap(HttpHandler next, boolean routing) {
        return threads == null ? next : new Filtered(next, routing);
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    /**
     * What a request needs, worked out once, when Grizzly asks which thread should serve it.
     *
     * @param path the request's decoded path, or null when it is refused for {@code refusal}
     * @param route what the routes say, or null when none has the path
     * @param busy whether the pool had no room for it
     * @param refusal why the path is answered 400, or null
     */
    private record Plan(String path, List<HttpRoutes.Matched> befores, HttpRoutes.RouteMatch route, boolean busy,
            String refusal) {

        Plan(String path, List<HttpRoutes.Matched> befores, HttpRoutes.RouteMatch route, boolean busy) {
            this(path, befores, route, busy, null);
        }

        static Plan refused(String refusal) {
            return new Plan(null, List.of(), null, false, refusal);
        }

        /** Whether nothing of the application's runs for it. */
        boolean passes() {
            return path != null && befores.isEmpty() && route == null;
        }
    }

    /**
     * Serves a request that only before-handlers match (a route's request is served as {@link #serveRoute} says)
     * on the pool, through Grizzly's own hand-over, so that what answers after them may suspend the response.
     */
    private final class Filtered extends HttpHandler {

        private static final String PLAN = Plan.class.getName();

        private final HttpHandler next;
        private final boolean routing;

        Filtered(HttpHandler next, boolean routing) {
            this.next = next;
            this.routing = routing;
        }

        @Override
        public RequestExecutorProvider getRequestExecutorProvider() {
            return this::executor;
        }

        /**
         * The pool for a request that only before-handlers match, else Grizzly's own choice; asked for the request,
         * then for each of its reads.
         */
        private Executor executor(Request request) {
            Plan plan = request.getAttribute(PLAN) instanceof Plan known ? known : plan(request);
            request.setAttribute(PLAN, plan);
            if (plan.passes() || plan.path() == null || plan.route() != null) {
                // Grizzly asks again for the request's reads: a route's body is read on Grizzly's threads.
                return super.getRequestExecutorProvider().getExecutor(request);
            }
            return command -> {
                try {
                    threads.execute(command);
                } catch (RejectedExecutionException e) {
                    // Answered 503 at once, on this thread, without running a handler.
                    request.setAttribute(PLAN, new Plan(plan.path(), plan.befores(), null, true));
                    command.run();
                }
            };
        }

        private Plan plan(Request request) {
            try {
                List<String> segments = PathTemplate.split(request.getRequestURI());
                if (!normal(segments)) {
                    return Plan.refused("The request path has an empty, '.' or '..' segment.");
                }
                return new Plan(PathTemplate.decode(request.getRequestURI()), routes.befores(segments),
                        routing ? routes.route(request.getMethod().getMethodString(), segments) : null, false);
            } catch (RuntimeException e) {
                // Invalid percent-encoding, or a path split cannot take apart.
                return Plan.refused("The request path is not valid percent-encoding.");
            }
        }

        /**
         * Whether the segments are as Grizzly maps them: it drops {@code .} and {@code ..} segments and merges
         * slashes before choosing its handler, so such a path could reach negotiate or a static file past a
         * before-handler that the raw path does not match.
         */
        private static boolean normal(List<String> segments) {
            for (String segment : segments) {
                String decoded = PathTemplate.decode(segment);
                if (decoded.isEmpty() || decoded.equals(".") || decoded.equals("..") || decoded.indexOf('/') >= 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            Plan plan = request.getAttribute(PLAN) instanceof Plan known ? known : plan(request);
            if (plan.passes()) {
                next.service(request, response);
            } else if (plan.path() == null) {
                HttpResponses.text(response, 400, plan.refusal());
            } else if (plan.busy()) {
                busy(response);
            } else if (plan.route() != null) {
                serveRoute(request, response, plan);
            } else {
                byte[] body = RequestBody.readNow(request, response, maxBody);
                if (body != null && before(new RouteExchange(request, response, body, mapper, plan.path()),
                        plan.befores())) {
                    next.service(request, response);
                }
            }
        }

        /** Suspends a route's request, reads its body without a thread, and runs its handlers on the pool. */
        private void serveRoute(Request request, Response response, Plan plan) throws IOException {
            response.suspend();
            RequestBody.read(request, response, maxBody, body -> {
                try {
                    threads.execute(() -> runRoute(new RouteExchange(request, response, body, mapper, plan.path()),
                            plan));
                } catch (RejectedExecutionException e) {
                    busy(response);
                    response.resume();
                }
            });
        }

        private void runRoute(RouteExchange ctx, Plan plan) {
            Request request = ctx.request();
            Response response = ctx.response();
            try {
                if (!before(ctx, plan.befores()) || !CrossOrigin.admit(origins, request, response)) {
                    return;
                }
                HttpRoutes.RouteMatch route = plan.route();
                if (route.route() == null) {
                    response.setHeader("Allow", String.join(", ", route.allowed()));
                    HttpResponses.text(response, 405, "Method not allowed.");
                } else {
                    ctx.pathParams(route.route().params());
                    route.route().handler().handle(ctx);
                    ctx.send();
                }
            } catch (Exception | AssertionError | LinkageError e) {
                failed(ctx, e);
            } finally {
                response.resume();
            }
        }
    }

    /** Runs the before-handlers; false when the request has been answered, by one of them or for its failure. */
    private static boolean before(RouteExchange ctx, List<HttpRoutes.Matched> befores) {
        try {
            for (HttpRoutes.Matched before : befores) {
                ctx.pathParams(before.params());
                before.handler().handle(ctx);
                if (ctx.skipped()) {
                    ctx.send();
                    return false;
                }
            }
            return true;
        } catch (Exception | AssertionError | LinkageError e) {
            failed(ctx, e);
            return false;
        }
    }

    /** A handler's failure: 400 for a body it could not read as JSON, else 500 with the trace logged. */
    private static void failed(RouteExchange ctx, Throwable e) {
        if (e instanceof RouteExchange.BadBody) {
            answer(ctx.response(), 400, e.getMessage() + ".");
            return;
        }
        log.error("The HTTP handler of {} {} failed", LogSafe.escape(ctx.method()),
                LogSafe.escape(ctx.request().getRequestURI()), e);
        answer(ctx.response(), 500, "Internal Server Error");
    }

    /** A plain answer in place of whatever a failed handler had set, unless the response has begun. */
    private static void answer(Response response, int status, String reason) {
        if (response.isCommitted()) {
            return;
        }
        try {
            response.reset();
            HttpResponses.text(response, status, reason);
        } catch (IOException | IllegalStateException e) {
            log.debug("A failed HTTP handler's request could not be answered", e);
        }
    }

    private static void busy(Response response) {
        try {
            response.setHeader("Retry-After", HttpResponses.RETRY_AFTER_SECONDS);
            HttpResponses.text(response, 503, "The server is busy; try again later.");
        } catch (IOException e) {
            log.debug("A request could not be answered", e);
        }
    }
}
