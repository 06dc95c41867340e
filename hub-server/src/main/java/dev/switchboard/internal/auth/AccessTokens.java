package dev.switchboard.internal.auth;

import dev.switchboard.ConnectionRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds a request's access token where SignalR clients put it, and hides tokens, access tokens and connection
 * tokens alike, from text that may be logged.
 */
public final class AccessTokens {

    /** The query parameter the SignalR clients send the token in where they cannot set a header. */
    public static final String QUERY_PARAMETER = "access_token";
    /** The query parameter that carries a connection's token, which lets whoever holds it act as the connection. */
    public static final String CONNECTION_TOKEN_PARAMETER = "id";

    private static final String BEARER = "bearer ";
    /** {@code access_token=...} in a query string, its name in any case. */
    private static final Pattern IN_QUERY = Pattern.compile("(?i)(access_token=\\s*)[^&\\s\"',;\\]]*");
    /**
     * {@code id=...} as a whole parameter name, also as Grizzly logs a parsed parameter ({@code id= value}); the
     * names of other parameters ending in {@code id} are left alone.
     */
    private static final Pattern CONNECTION_TOKEN = Pattern.compile("(?i)((?<![\\w.%-])id=\\s*)[^&\\s\"',;\\]]*");
    /** The rest of a line showing an {@code Authorization} or {@code Cookie} header, as {@code name: value} or {@code name=value}. */
    private static final Pattern SECRET_HEADER = Pattern.compile(
            "(?im)(\\b(?:proxy-authorization|authorization|cookie)\\s*[=:]\\s*)\\S.*$");
    private static final Pattern BEARER_VALUE = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;\\]]+");
    private static final String HIDDEN = "***";

    private AccessTokens() {
    }

    /**
     * The token of {@code request}: the {@code access_token} query parameter, else an {@code Authorization:
     * Bearer} header, else the cookie named {@code cookieName} when that is not null; null when it has none.
     */
    public static String find(ConnectionRequest request, String cookieName) {
        for (Map.Entry<String, List<String>> parameter : request.queryParameters().entrySet()) {
            if (parameter.getKey().equalsIgnoreCase(QUERY_PARAMETER) && !parameter.getValue().isEmpty()
                    && !parameter.getValue().get(0).isEmpty()) {
                return parameter.getValue().get(0);
            }
        }
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).strip();
            if (!token.isEmpty()) {
                return token;
            }
        }
        return cookieName == null ? null : cookie(request.headers().get("Cookie"), cookieName);
    }

    private static String cookie(List<String> cookieHeaders, String name) {
        if (cookieHeaders == null) {
            return null;
        }
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                    String value = pair.substring(equals + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value.isEmpty() ? null : value;
                }
            }
        }
        return null;
    }

    /**
     * {@code text} with credentials hidden: the values of {@code access_token} and {@code id} (connection token)
     * parameters, bearer tokens, and whatever follows an {@code Authorization} or {@code Cookie} header's name on
     * its line.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String hidden = IN_QUERY.matcher(text).replaceAll("$1" + HIDDEN);
        hidden = CONNECTION_TOKEN.matcher(hidden).replaceAll("$1" + HIDDEN);
        hidden = SECRET_HEADER.matcher(hidden).replaceAll("$1" + HIDDEN);
        return BEARER_VALUE.matcher(hidden).replaceAll("$1" + HIDDEN);
    }

    /** Whether a query parameter's values are credentials, and so are hidden wherever parameters are shown. */
    public static boolean secretParameter(String name) {
        return name.equalsIgnoreCase(QUERY_PARAMETER) || name.equalsIgnoreCase(CONNECTION_TOKEN_PARAMETER);
    }

    /** Whether a header's values may carry credentials, and so are hidden wherever headers are shown. */
    public static boolean secretHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("authorization") || lower.equals("cookie") || lower.equals("proxy-authorization");
    }

    /** The hidden stand-in for a secret value. */
    public static String hidden() {
        return HIDDEN;
    }
}
