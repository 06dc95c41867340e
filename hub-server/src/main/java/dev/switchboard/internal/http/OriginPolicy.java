package dev.switchboard.internal.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Which pages may use the server: the one rule for WebSocket upgrades and for the HTTP transports. A request with
 * no {@code Origin} header is not a browser's and is let in; so is a same-origin page. Any other origin must be
 * on the allow-list, or the list must hold {@code *}.
 *
 * <p>Same origin is decided as Go's {@code net/http} CrossOriginProtection decides it: the browser's own
 * {@code Sec-Fetch-Site} header when it sends one (pages cannot set it, and it stays right behind a proxy that
 * rewrites {@code Host}); otherwise the origin's host and port against {@code Host}, or {@code X-Forwarded-Host}
 * from a proxy. A browser cannot put either header on a cross-origin request without a preflight, which is
 * refused first.
 */
public final class OriginPolicy {

    /** The default: same-origin pages and non-browser clients only. */
    public static final OriginPolicy SAME_ORIGIN = new OriginPolicy(Set.of(), false);

    private static final String ANY = "*";

    private final Set<String> allowed;
    private final boolean any;

    private OriginPolicy(Set<String> allowed, boolean any) {
        this.allowed = allowed;
        this.any = any;
    }

    /**
     * A policy allowing these origins besides the same origin.
     *
     * @throws IllegalArgumentException for an entry that is not {@code *} nor {@code scheme://host[:port]}
     */
    public static OriginPolicy of(List<String> origins) {
        Set<String> allowed = new LinkedHashSet<>();
        boolean any = false;
        for (String origin : origins) {
            if (ANY.equals(origin)) {
                any = true;
            } else {
                allowed.add(normalize(origin));
            }
        }
        return allowed.isEmpty() && !any ? SAME_ORIGIN : new OriginPolicy(Set.copyOf(allowed), any);
    }

    /** What a request's headers let it do; {@code header} gives a header's first value, or null. */
    public Admission admit(Function<String, String> header) {
        String origin = header.apply("Origin");
        if (origin == null) {
            return Admission.NOT_CROSS_ORIGIN;
        }
        if (sameOrigin(origin, header)) {
            return Admission.NOT_CROSS_ORIGIN;
        }
        if (any || allowed.contains(origin.toLowerCase(Locale.ROOT))) {
            return new Admission(true, origin);
        }
        return new Admission(false, origin);
    }

    private static boolean sameOrigin(String origin, Function<String, String> header) {
        String site = header.apply("Sec-Fetch-Site");
        if (site != null) {
            return site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none");
        }
        String authority = authorityOf(origin);
        return authority != null && (authority.equalsIgnoreCase(strip(header.apply("Host")))
                || authority.equalsIgnoreCase(firstOf(header.apply("X-Forwarded-Host"))));
    }

    /** {@code host[:port]} of an origin as the browser wrote it, or null for {@code null} and other oddities. */
    private static String authorityOf(String origin) {
        int slashes = origin.indexOf("://");
        return slashes < 0 ? null : origin.substring(slashes + 3);
    }

    private static String firstOf(String forwardedHosts) {
        return forwardedHosts == null ? null : strip(forwardedHosts.split(",", 2)[0]);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** An origin as browsers send it: lower case, no default port, no path. */
    private static String normalize(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException | NullPointerException e) {
            throw invalid(origin);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.getHost() == null || uri.getUserInfo() != null || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(origin);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (port == 80 && scheme.equals("http"))
                || (port == 443 && scheme.equals("https"));
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static IllegalArgumentException invalid(String origin) {
        return new IllegalArgumentException("An allowed origin is \"*\" or a scheme, host and optional port with "
                + "no path, as a browser sends it, such as https://app.example.com; not " + origin);
    }

    /**
     * The answer for one request.
     *
     * @param allowed whether it may go on
     * @param crossOrigin the foreign origin to name in CORS headers or in a refusal; null when the request is not
     *        cross-origin and needs neither
     */
    public record Admission(boolean allowed, String crossOrigin) {

        static final Admission NOT_CROSS_ORIGIN = new Admission(true, null);

        /** The reason given with a refusal; the origin is the client's text, so only printable ASCII of it is shown. */
        public String reason() {
            String shown = crossOrigin.length() > 100 ? crossOrigin.substring(0, 100) + "..." : crossOrigin;
            return "Origin " + shown.replaceAll("[^\\x20-\\x7e]", "?") + " is not allowed";
        }
    }
}
