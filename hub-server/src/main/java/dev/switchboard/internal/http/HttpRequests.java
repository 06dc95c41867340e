package dev.switchboard.internal.http;

import dev.switchboard.ConnectionRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.http.server.Request;

/** Grizzly requests as the {@link ConnectionRequest} hubs see. */
final class HttpRequests {

    private HttpRequests() {
    }

    static ConnectionRequest toConnectionRequest(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : request.getHeaderNames()) {
            List<String> values = new ArrayList<>();
            request.getHeaders(name).forEach(values::add);
            headers.put(name, values);
        }
        return new ConnectionRequest(request.getRequestURI(), QueryString.parse(request.getQueryString()), headers,
                request.getRemoteAddr());
    }
}
