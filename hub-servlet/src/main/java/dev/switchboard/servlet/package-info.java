/**
 * Hubs on any Jakarta Servlet 6 / Jakarta WebSocket 2.1 container: {@link dev.switchboard.servlet.HubServlets}
 * registers a {@link dev.switchboard.spi.host.HubHost}'s hubs in a servlet context, and a
 * {@link dev.switchboard.servlet.HubInitializer} does so without code at start-up through
 * {@link dev.switchboard.servlet.SwitchboardContainerInitializer}. Negotiate, Server-Sent Events and long polling
 * run as asynchronous servlets with non-blocking I/O; WebSockets through the container's own
 * {@code jakarta.websocket.server.ServerContainer}.
 */
package dev.switchboard.servlet;
