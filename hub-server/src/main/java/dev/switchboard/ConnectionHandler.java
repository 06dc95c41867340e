package dev.switchboard;

/**
 * A raw connection's application, as ASP.NET Core's {@code ConnectionHandler} and {@code MapConnectionHandler}:
 * messages in and out as text or bytes, with no hub protocol and no handshake, over negotiate (versions 0 and 1)
 * and every transport, with the hubs' limits, authentication ({@link Authorize} on the handler's class, checked by
 * the server's {@link Authenticator}), origin checks and lifetime. Map one with
 * {@link HubServer.Builder#connectionHandler(String, Class) HubServer.Builder.connectionHandler(String, Class)}.
 *
 * <p>{@link #onConnected} and the callbacks it registers run on the hub threads, one at a time per connection:
 * {@code onConnected} first, then each message in the order the client sent them, then the close.
 *
 * <pre>{@code
 * public final class EchoHandler implements ConnectionHandler {
 *     public void onConnected(RawConnection connection) {
 *         connection.onMessage(message -> connection.send(message));
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionHandler {

    /**
     * A client connected: register its {@link RawConnection#onMessage} and {@link RawConnection#onClose} here.
     * Messages that arrive meanwhile wait for this method to return. An exception closes the connection.
     *
     * @param connection the new connection
     */
    void onConnected(RawConnection connection);
}
