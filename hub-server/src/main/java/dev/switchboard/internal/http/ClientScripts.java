package dev.switchboard.internal.http;

import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.util.MimeType;

/**
 * Serves the bundled browser client at {@value #PATH}: {@code switchboard.mjs}, the ES module, and
 * {@code switchboard.min.js}, the script that defines the global {@code signalR}; and its MessagePack protocol,
 * {@code switchboard-msgpack.mjs} and {@code switchboard-msgpack.min.js} (which adds
 * {@code signalR.protocols.msgpack}).
 */
final class ClientScripts {

    /** Where pages load the client from. */
    static final String PATH = "/switchboard";

    private ClientScripts() {
    }

    static HttpHandler handler() {
        // Browsers refuse to run a module script served without a JavaScript type; Grizzly serves .mjs as text.
        MimeType.add("mjs", "text/javascript");
        CLStaticHttpHandler handler = new CLStaticHttpHandler(ClientScripts.class.getClassLoader(),
                "/dev/switchboard/client/");
        handler.setFileCacheEnabled(false);
        return handler;
    }
}
