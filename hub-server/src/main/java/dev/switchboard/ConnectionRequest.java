package dev.switchboard;

import dev.switchboard.internal.auth.AccessTokens;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP request that opened a connection's transport (for WebSockets, the upgrade request). Its text form
 * hides credentials (the {@code access_token} parameter, the connection token in the {@code id} parameter,
 * {@code Authorization} and {@code Cookie}), so that logging a request never logs a token.
 *
 * @param path the request path
 * @param queryParameters every query parameter, decoded
 * @param headers every header with its values, unmodifiable; names are matched case-insensitively and listed
 *        in that order
 * @param remoteAddress the peer's address, such as {@code 127.0.0.1}
 * @param userPrincipal the user a servlet container or its security (Spring Security's, say) authenticated for
 *        the request, or null; the embedded server authenticates nothing itself, so there it is always null
 */
public record ConnectionRequest(String path, Map<String, List<String>> queryParameters,
                                Map<String, List<String>> headers, String remoteAddress, Principal userPrincipal) {

    /**
     * Keeps unmodifiable copies of the maps, the headers' names matched case-insensitively.
     *
     * @param path the request path
     * @param queryParameters every query parameter, decoded
     * @param headers every header with its values
     * @param remoteAddress the peer's address
     * @param userPrincipal the user the host authenticated, or null
     */
    public ConnectionRequest {
        queryParameters = Map.copyOf(queryParameters);
        headers = HeaderFields.of(headers);
    }

    /**
     * A request no host authenticated.
     *
     * @param path the request path
     * @param queryParameters every query parameter, decoded
     * @param headers every header with its values
     * @param remoteAddress the peer's address
     */
    public ConnectionRequest(String path, Map<String, List<String>> queryParameters,
                             Map<String, List<String>> headers, String remoteAddress) {
        this(path, queryParameters, headers, remoteAddress, null);
    }

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter's name, matched exactly
     * @return its first value, or null when the request has none
     */
    public String queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The first value of a header.
     *
     * @param name the header's name, matched case-insensitively
     * @return its first value, or null when the request has none
     */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        Map<String, Object> shownParameters = new LinkedHashMap<>(queryParameters);
        shownParameters.replaceAll((name, values) ->
                AccessTokens.secretParameter(name) ? AccessTokens.hidden() : values);
        return "ConnectionRequest[path=" + path + ", queryParameters=" + shownParameters + ", headers=" + headers
                + ", remoteAddress=" + remoteAddress
                + (userPrincipal == null ? "" : ", userPrincipal=" + userPrincipal.getName()) + "]";
    }
}
