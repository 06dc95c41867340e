package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hub methods that take services from the injector, as SignalR's take them from DI: with the official Java client
 * and, in Node, the official JavaScript client; the option that turns implicit services off; the start-up errors.
 */
class HubMethodServicesTest {

    private final Injector injector = Guice.createInjector(ServicesHub.MODULE);

    private HubServer start() throws IOException {
        return HubServer.builder().port(0).injector(injector)
                .hub("/services", ServicesHub.class)
                .hub("/explicit", ServicesHub.class, HubOptions.defaults().withDisableImplicitFromServicesParameters(true))
                .build().start();
    }

    private static <T> T await(Single<T> result) {
        return result.timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet();
    }

    private static String errorOf(HubConnection client, String method, Object... args) {
        return assertThrows(com.microsoft.signalr.HubException.class,
                () -> await(client.invoke(String.class, method, args))).getMessage();
    }

    @Test
    void theOfficialJavaClientSendsOnlyTheArguments() throws IOException {
        try (HubServer server = start(); JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.connect("/services");
            assertEquals("Hello, Ann", await(client.invoke(String.class, "greet", "Ann")));
            assertEquals("HEY, Bob", await(client.invoke(String.class, "shout", "Bob")));
            int first = await(client.invoke(Integer.class, "callNumber"));
            assertEquals(first + 2, await(client.invoke(Integer.class, "callNumber")));
            assertEquals(List.of("Hello, #1", "Hello, #2"), client.stream(String.class, "greetAll", 2).toList()
                    .timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet());
            assertEquals("Hello, Ann.Hello, Bob.",
                    await(client.invoke(String.class, "greetEach", Observable.just("Ann", "Bob"))));
            assertEquals("Failed to invoke 'greet' due to an error on the server. "
                    + "Invocation provides 2 argument(s) but target expects 1.",
                    errorOf(client, "greet", "Ann", Map.of("greeting", "Hi")));
            assertEquals("Hello, Cy", await(client.invoke(String.class, "greet", "Cy")), "the connection goes on");
        }
    }

    @Test
    void withImplicitServicesDisabledOnlyMarkedParametersAreServices() throws IOException {
        try (HubServer server = start(); JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.connect("/explicit");
            assertEquals("Hi, Ann", await(client.invoke(String.class, "greet", "Ann", Map.of("greeting", "Hi"))));
            assertEquals("HEY, Bob", await(client.invoke(String.class, "shout", "Bob")));
            assertEquals("Failed to invoke 'greet' due to an error on the server. "
                    + "Invocation provides 1 argument(s) but target expects 2.", errorOf(client, "greet", "Ann"));
        }
    }

    @Test
    void theOfficialJavaScriptClientSendsOnlyTheArguments() throws Exception {
        try (HubServer server = start()) {
            for (String protocol : List.of("json", "messagepack")) {
                assertEquals("services: ok", NodeContract.run("services.mjs", "http://127.0.0.1:" + server.port(),
                        protocol));
            }
            Await.until(() -> server.connectionCount() == 0, "every connection to end");
        }
    }

    public interface Unbound {
    }

    public static class UnboundHub extends Hub {
        @HubMethod
        public void send(String text, @FromServices Unbound unbound) {
        }
    }

    public static class StreamServiceHub extends Hub {
        @HubMethod
        public void sum(@FromServices Flow.Publisher<Integer> numbers) {
        }
    }

    @Test
    void anImpossibleServiceFailsTheStartNamingHubMethodAndParameter() {
        String error = assertThrows(IllegalArgumentException.class, () -> HubServer.builder().port(0)
                .hub("/unbound", UnboundHub.class).build()).getMessage();
        assertEquals("Hub UnboundHub, method send: parameter 2 (HubMethodServicesTest.Unbound unbound) is marked "
                + "@FromServices but the container cannot supply it: Guice cannot provide it: ",
                error.substring(0, error.indexOf("it: ", error.indexOf("provide")) + 4));
        error = assertThrows(IllegalArgumentException.class, () -> HubServer.builder().port(0)
                .hub("/sum", StreamServiceHub.class).build()).getMessage();
        assertEquals("Hub StreamServiceHub, method sum: parameter 1 (Flow.Publisher<Integer> numbers) is both a "
                + "stream the client uploads (Flow.Publisher) and @FromServices: remove @FromServices to take the "
                + "upload, or give the service another type", error);
    }
}
