package dev.switchboard.servlet.internal;

import dev.switchboard.ConnectionRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A servlet request as the hub host sees it. */
final class Requests {

    private Requests() {
    }

    /** {@return the request's path within the servlet context, such as {@code /chat/negotiate}} */
    static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null ? request.getServletPath() : request.getServletPath() + info;
    }

    /** {@return the request: path in the context, query (never the body's form fields), headers, peer, user} */
    static ConnectionRequest of(HttpServletRequest request, String path) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return new ConnectionRequest(path, query(request.getQueryString()), headers, request.getRemoteAddr(),
                request.getUserPrincipal());
    }

    /** Parses the query string itself: {@code getParameterMap} would read a form body. */
    static Map<String, List<String>> query(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((name, values) -> List.copyOf(values));
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;   // a bad %-escape: kept as sent, for the hub host to refuse
        }
    }
}
