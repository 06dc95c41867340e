/**
 * For hosts other than the embedded server, such as a servlet container: {@link dev.switchboard.spi.host.HubHost}
 * is a server's hubs without an HTTP server of their own. The host routes each plain HTTP request to it as a
 * {@link dev.switchboard.spi.host.HostExchange}, asks it about each WebSocket upgrade
 * ({@link dev.switchboard.spi.host.Upgrade}) and opens the sockets it admits as
 * {@link dev.switchboard.spi.host.HostSocket}s. Negotiate, authentication, origins, limits, the three transports'
 * rules and every connection's life are the hub host's; the host only moves bytes, never blocking a thread on a
 * slow client.
 */
package dev.switchboard.spi.host;
