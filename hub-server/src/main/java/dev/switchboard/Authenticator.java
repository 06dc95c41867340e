package dev.switchboard;

/**
 * Tells who makes a request to a hub: every HTTP request of a connection is authenticated (negotiate, the
 * WebSocket upgrade, Server-Sent Events and long polling requests), and a connection keeps the user its first
 * request had. Set with {@link HubServer.Builder#authenticator(Authenticator)}; called on the server's request
 * threads, so it should answer quickly.
 *
 * <p>The access token is read as the SignalR clients send it: the {@code access_token} query parameter (browsers
 * cannot set headers on WebSockets and event streams), else an {@code Authorization: Bearer} header, else the
 * cookie named with {@link HubServer.Builder#accessTokenCookie(String)}. The server never logs it.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param request the request, its headers and query parameters included
     * @param accessToken the request's access token, or null when it has none
     * @return the user, or null for an anonymous request, which only hubs and methods without {@link Authorize}
     *         accept
     * @throws AuthenticationException for a token that is invalid or expired: the request is refused with 401,
     *         never treated as anonymous
     */
    HubUser authenticate(ConnectionRequest request, String accessToken) throws AuthenticationException;
}
