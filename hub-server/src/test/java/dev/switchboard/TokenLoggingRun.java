package dev.switchboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.fixtures.SecureHub;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawWebSocket;
import io.reactivex.rxjava3.core.Single;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Run by {@link TokenLoggingTest} in a JVM of its own, with every server log at its most detailed: starts a
 * server, connects with access tokens in each place and over each transport, is refused once, uses connection
 * tokens over every transport and on the error paths ({@link ConnectionTokenTraffic}), and stops.
 * Arguments: the good token, then a forged one, both to be absent from what it logs; then the file to write the
 * connection tokens it used to, which must be absent too.
 */
final class TokenLoggingRun {

    /** Held so that the configured loggers, which java.util.logging keeps weakly, keep their levels. */
    private static final List<Logger> CONFIGURED = List.of(Logger.getLogger(""), Logger.getLogger("org.glassfish"));

    private TokenLoggingRun() {
    }

    public static void main(String[] args) throws Exception {
        logEverythingOfTheServer();
        String token = args[0];
        String forged = args[1];
        try (HubServer server = HubServer.builder().port(0).authenticator(new JwtAuthenticator(Jwts.SECRET))
                .accessTokenCookie("switchboard_token").hub("/secure", SecureHub.class).hub("/open", TestHub.class)
                .build().start();
             JavaClients clients = new JavaClients(server.port())) {
            for (TransportEnum transport : List.of(TransportEnum.WEBSOCKETS, TransportEnum.LONG_POLLING)) {
                HubConnection connection = clients.connect("/secure", builder -> builder.withTransport(transport)
                        .withAccessTokenProvider(Single.just(token)));
                connection.invoke(String.class, "whoAmI").timeout(10, TimeUnit.SECONDS).blockingGet();
            }
            String base = "http://localhost:" + server.port() + "/secure";
            String inQuery = "access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
            HttpClient http = HttpClient.newHttpClient();
            try (RawWebSocket socket = RawWebSocket.connect(URI.create(base.replace("http://", "ws://") + "?"
                    + inQuery))) {
                socket.sendText(RawWebSocket.JSON_HANDSHAKE);
                socket.next();
            }
            String polled = connectionToken(http.send(HttpRequest.newBuilder(URI.create(base
                    + "/negotiate?negotiateVersion=1&" + inQuery)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()));
            http.send(HttpRequest.newBuilder(URI.create(base + "?id=" + polled + "&" + inQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String streamed = connectionToken(http.send(HttpRequest.newBuilder(URI.create(base
                    + "/negotiate?negotiateVersion=1")).header("Cookie", "switchboard_token=" + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
            try (EventStream events = EventStream.open(base + "?id=" + streamed + "&" + inQuery)) {
                http.send(HttpRequest.newBuilder(URI.create(base + "?id=" + streamed + "&" + inQuery))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"protocol\":\"json\",\"version\":1}"
                                + RawWebSocket.RS)).build(), HttpResponse.BodyHandlers.ofString());
                events.next();
            }
            http.send(HttpRequest.newBuilder(URI.create(base + "/negotiate?negotiateVersion=1"))
                    .header("Authorization", "Bearer " + forged)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            ConnectionTokenTraffic.run(server.port(), Path.of(args[2]));
        }
        System.err.println("TokenLoggingRun done");
        // The clients' threads would keep the JVM running a while.
        System.exit(0);
    }

    private static String connectionToken(HttpResponse<String> negotiated) throws Exception {
        return new ObjectMapper().readTree(negotiated.body()).get("connectionToken").asText();
    }

    /**
     * Grizzly and Tyrus log through java.util.logging, which the server routes to SLF4J: all of it, each record
     * with its logger's name; the clients' (OkHttp's, the JDK's) to the console and only from INFO, since what a
     * client logs is not the server's doing.
     */
    private static void logEverythingOfTheServer() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
        Logger root = CONFIGURED.get(0);
        root.setLevel(Level.INFO);
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        root.addHandler(console);
        CONFIGURED.get(1).setLevel(Level.ALL);
    }
}
