package dev.switchboard.internal.transport;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** Answers 404 for every path that no hub, client script or static file claims. */
final class NotFoundHandler extends HttpHandler {

    @Override
    public void service(Request request, Response response) throws Exception {
        HttpResponses.text(response, 404, "Nothing is served at " + request.getRequestURI());
    }
}
