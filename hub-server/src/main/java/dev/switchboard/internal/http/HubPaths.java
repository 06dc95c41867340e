package dev.switchboard.internal.http;

import java.io.CharConversionException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Matches hub paths ignoring case, as ASP.NET Core's routing does: a request to {@code /testHub} or
 * {@code /TESTHUB/negotiate} reaches the hub mapped at {@code /testhub}, over every transport. Grizzly's handlers
 * and Tyrus's endpoints match exactly, so the request's path is rewritten to the hub's own, right after the codec
 * and before either sees it.
 */
final class HubPaths extends BaseFilter implements AddOn {

    private static final String NEGOTIATE = "/negotiate";

    /** A hub's path or negotiate path, decoded and as sent on the wire. */
    private record Target(String decoded, String raw) {
    }

    /** Each hub's path and negotiate path by {@link HubRoute#caseKey}. */
    private final Map<String, Target> byKey = new HashMap<>();

    HubPaths(List<String> hubPaths) {
        for (String path : hubPaths) {
            String raw = raw(path);
            byKey.put(HubRoute.caseKey(path), new Target(path, raw));
            byKey.put(HubRoute.caseKey(path + NEGOTIATE), new Target(path + NEGOTIATE, raw + NEGOTIATE));
        }
    }

    /** Right after the codec; the {@link MalformedRequests}, added after it, comes before it. */
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder chain) {
        chain.add(chain.indexOfType(HttpServerFilter.class) + 1, this);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpRequestPacket request
                && !request.getResponse().isCommitted()) {
            canonical(request);
        }
        return ctx.getInvokeAction();
    }

    private void canonical(HttpRequestPacket request) {
        String path;
        try {
            path = request.getRequestURIRef().getDecodedURI();
        } catch (CharConversionException | RuntimeException e) {
            return;   // MalformedRequests refuses it
        }
        Target target = byKey.get(HubRoute.caseKey(path));
        if (target != null && !target.decoded().equals(path)) {
            // Both forms: Grizzly keeps the path it decoded before (for MalformedRequests) and would map that.
            request.getRequestURIRef().setURI(target.raw());
            request.getRequestURIRef().setDecodedURI(target.decoded());
        }
    }

    /** The path percent-encoded as a request line carries it. */
    private static String raw(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a hub path: " + path, e);
        }
    }
}
