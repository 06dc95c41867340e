package dev.switchboard.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A raw connection closed while a send is in flight to a client that stopped reading: the drain never ends, and the
 * close timeout, counted from the close, cuts the connection all the same.
 */
class RawConnectionContextTest {

    @Test
    void aCloseBehindASendThatNeverCompletesIsCutAfterTheCloseTimeout() {
        HeldSender sender = new HeldSender();
        RawConnectionContext connection = new RawConnectionContext("conn-1", "token-1", HubOptions.defaults(),
                c -> { }, Runnable::run, Runnable::run);
        assertTrue(connection.attach(sender, new ConnectionRequest("/raw", Map.of(), Map.of(), "127.0.0.1")));
        connection.send("never drains");
        long closedAt = System.nanoTime();
        connection.close();
        assertEquals(ConnectionState.CLOSING, connection.state());
        assertTrue(connection.tick(closedAt + ConnectionTimers.CLOSE_TIMEOUT_NANOS / 2));
        assertFalse(connection.tick(closedAt + 2 * ConnectionTimers.CLOSE_TIMEOUT_NANOS));
        assertEquals(ConnectionState.CLOSED, connection.state());
        assertEquals(1, sender.aborts);
    }
}
