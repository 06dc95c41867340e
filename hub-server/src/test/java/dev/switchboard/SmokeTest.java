package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import org.junit.jupiter.api.Test;

class SmokeTest {

    public static class AddHub extends Hub {
        @HubMethod
        public int add(int a, int b) {
            return a + b;
        }
    }

    @Test
    void officialClientInvokes() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/add", AddHub.class).build().start()) {
            HubConnection client = HubConnectionBuilder.create("http://localhost:" + server.port() + "/add").build();
            client.start().blockingAwait();
            assertEquals(42, client.invoke(Integer.class, "add", 40, 2).blockingGet());
            client.stop().blockingAwait();
        }
    }
}
