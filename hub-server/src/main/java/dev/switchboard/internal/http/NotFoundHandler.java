package dev.switchboard.internal.http;

import java.util.List;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Answers 404 for every path that no hub, client script or static file claims, on a server without static
 * content. At {@code /}, where a newcomer's browser goes first, it says how to serve a page and where the
 * hubs and the client script are.
 */
final class NotFoundHandler extends HttpHandler {

    private final String rootAnswer;

    /** @param hubPaths the paths of the server's hubs, for the answer at {@code /} */
    NotFoundHandler(List<String> hubPaths) {
        this.rootAnswer = "No page is served at /: this Switchboard server was built without static content.\n"
                + "Hubs: " + (hubPaths.isEmpty() ? "none" : String.join(", ", hubPaths)) + "\n"
                + "To serve a page here, build the server with HubServer.builder().staticResources(\"public\"), "
                + "which serves the folder src/main/resources/public/ (its index.html at /), or with "
                + ".staticFiles(Path.of(\"site\")) for a directory.\n"
                + "Pages load the client from " + ClientScripts.PATH + "/switchboard.min.js (the global signalR) "
                + "or " + ClientScripts.PATH + "/switchboard.mjs (an ES module), and the MessagePack protocol from "
                + ClientScripts.PATH + "/switchboard-msgpack.min.js (signalR.protocols.msgpack) or "
                + ClientScripts.PATH + "/switchboard-msgpack.mjs.\n";
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if ("/".equals(request.getRequestURI())) {
            HttpResponses.text(response, 404, rootAnswer);
        } else {
            HttpResponses.text(response, 404, "Nothing is served at " + request.getRequestURI());
        }
    }
}
