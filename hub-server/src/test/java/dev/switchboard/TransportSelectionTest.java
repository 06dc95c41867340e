package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Transports switched per hub: negotiate lists only the enabled ones, the others are refused. */
class TransportSelectionTest {

    @Test
    void withWebSocketsOffClientsAreSteeredToLongPolling() throws Exception {
        try (HubServer server = HubServer.builder().port(0)
                .hub("/polling", TestHub.class, HubOptions.defaults().withTransports(Transport.LONG_POLLING))
                .hub("/all", TestHub.class)
                .build().start();
             JavaClients clients = new JavaClients(server.port())) {
            RawHttp raw = new RawHttp(server.port(), "/polling");
            HttpResponse<String> negotiate = raw.send("POST",
                    "http://localhost:" + server.port() + "/polling/negotiate?negotiateVersion=1", "");
            assertEquals("[{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]",
                    new ObjectMapper().readTree(negotiate.body()).get("availableTransports").toString());

            ExecutionException upgrade = assertThrows(ExecutionException.class,
                    () -> RawWebSocket.connect(URI.create("ws://localhost:" + server.port() + "/polling")));
            HttpResponse<?> refused = ((WebSocketHandshakeException) upgrade.getCause()).getResponse();
            assertEquals(404, refused.statusCode());

            String token = raw.negotiate();
            HttpResponse<String> eventStream = raw.send("GET",
                    "http://localhost:" + server.port() + "/polling?id=" + token, null, "text/event-stream");
            assertEquals(404, eventStream.statusCode());
            assertEquals("ServerSentEvents is not enabled for this hub.", eventStream.body());

            HubConnection client = clients.connect("/polling");
            assertEquals("LONG_POLLING", client.invoke(String.class, "transport").timeout(10, TimeUnit.SECONDS)
                    .blockingGet());
            HubConnection other = clients.connect("/all");
            assertEquals("WEB_SOCKETS", other.invoke(String.class, "transport").timeout(10, TimeUnit.SECONDS)
                    .blockingGet());
        }
    }

    @Test
    void atLeastOneTransportMustBeEnabled() {
        assertThrows(IllegalArgumentException.class, () -> HubOptions.defaults().withTransports());
    }
}
