package dev.switchboard.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The path of an HTTP route or before-handler, as Javalin writes them: literal segments, {@code {name}} segments
 * that match any one segment, and a last {@code *} that matches whatever follows, nothing included. A trailing
 * slash is ignored, on the template and on the request, as Javalin ignores it.
 */
record PathTemplate(String path, List<String> segments) {

    PathTemplate {
        segments = List.copyOf(segments);
    }

    /** @throws IllegalArgumentException for a path that is not a template, with what is wrong */
    static PathTemplate parse(String path) {
        if (path == null || !path.startsWith("/") || path.contains("?") || path.contains("#")
                || path.contains("//")) {
            throw new IllegalArgumentException("An HTTP route's path starts with / and has no query, such as "
                    + "/users/{id}; not " + path);
        }
        List<String> segments = split(path);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.equals("*")) {
                if (i != segments.size() - 1) {
                    throw new IllegalArgumentException("* may only end an HTTP route's path: " + path);
                }
            } else if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2) {
                String name = segment.substring(1, segment.length() - 1);
                if (name.contains("{") || name.contains("}") || names.contains(name)) {
                    throw new IllegalArgumentException("Bad path parameter {" + name + "} in " + path);
                }
                names.add(name);
            } else if (segment.contains("{") || segment.contains("}") || segment.contains("*")) {
                throw new IllegalArgumentException("A path parameter is a whole segment, such as /users/{id}, "
                        + "and * a whole last one: " + path);
            }
        }
        return new PathTemplate(path, segments);
    }

    /**
     * {@return a request path's segments, still percent-encoded}: {@code /} has none, and a trailing slash adds
     * none.
     */
    static List<String> split(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals("/")) {
            return List.of();
        }
        return List.of(trimmed.substring(1).split("/", -1));
    }

    /**
     * {@return the decoded path parameters when this matches a request's encoded segments, else null}
     *
     * @throws IllegalArgumentException for a segment that is not valid percent-encoding
     */
    Map<String, String> match(List<String> request) {
        boolean rest = !segments.isEmpty() && segments.get(segments.size() - 1).equals("*");
        int fixed = rest ? segments.size() - 1 : segments.size();
        if (rest ? request.size() < fixed : request.size() != fixed) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < fixed; i++) {
            String segment = segments.get(i);
            String value = decode(request.get(i));
            if (segment.startsWith("{")) {
                params.put(segment.substring(1, segment.length() - 1), value);
            } else if (!segment.equals(value)) {
                return null;
            }
        }
        return params;
    }

    /** Whether this could match {@code path}, whatever the case of either: for the check against hub paths. */
    boolean overlaps(String path) {
        return new PathTemplate(this.path, segments.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList())
                .match(split(path.toLowerCase(Locale.ROOT))) != null;
    }

    /** Percent-decoding of a path segment, where {@code +} is itself. */
    static String decode(String segment) {
        return segment.indexOf('%') < 0 ? segment
                : URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
