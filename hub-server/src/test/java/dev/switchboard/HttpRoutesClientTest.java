package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.testing.Await;
import io.reactivex.rxjava3.core.Single;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official Java client beside HTTP routes: its {@code accessTokenFactory} fetches a token from a POST route on
 * the hub's port, and a before-handler sets a cookie on negotiate, which the client's cookie jar (OkHttp's) sends on
 * its transport, where the hub sees it.
 */
class HttpRoutesClientTest {

    /** Who is calling, and the cookies of the transport's request. */
    @Authorize
    public static class VisitHub extends Hub {
        @HubMethod
        public String visit() {
            return context().userIdentifier() + " " + context().request().header("Cookie");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void tokenFromARouteAndACookieFromNegotiate(TransportEnum transport) throws Exception {
        AtomicInteger negotiates = new AtomicInteger();
        try (HubServer server = HubServer.builder().port(0)
                .authenticator((request, token) -> token == null || !token.startsWith("token-") ? null
                        : HubUser.of(token.substring("token-".length())))
                .hub("/visit", VisitHub.class)
                .post("/token", ctx -> ctx.result("token-" + ctx.body()))
                .before("/visit/negotiate", ctx -> ctx.cookie(Cookie.of("affinity",
                        "n" + negotiates.incrementAndGet()).withHttpOnly(true).withSameSite(Cookie.SameSite.LAX)))
                .build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HttpClient http = HttpClient.newHttpClient();
            HubConnection connection = clients.connect("/visit", builder -> builder.withTransport(transport)
                    .withAccessTokenProvider(Single.defer(() -> Single.just(http.send(HttpRequest.newBuilder(
                            URI.create(clients.url("/token"))).POST(HttpRequest.BodyPublishers.ofString("alice"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body()))));
            String visit = connection.invoke(String.class, "visit").timeout(Await.TIMEOUT.toSeconds(),
                    TimeUnit.SECONDS).blockingGet();
            assertEquals("alice affinity=n1", visit);
        }
    }
}
