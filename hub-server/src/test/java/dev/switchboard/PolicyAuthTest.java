package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.signalr.HttpHubConnectionBuilder;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.fixtures.ContractServer;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawRequest;
import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Named policies ({@code @Authorize(policy = ...)}) with the official Java client, the 401 and 403 it reports as
 * it reports ASP.NET Core's, those answers byte for byte on every kind of hub request, and hub paths in another case
 * on every transport. The hubs are the contract's ({@link ContractServer}, tokens {@code name:roles:claim=value}).
 */
class PolicyAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDITOR = "ed::department=news";
    private static final String CHIEF = "chief:admin:department=news";
    private static final String READER = "bob:admin:department=sport";

    private static HubServer server;
    private JavaClients clients;

    @BeforeAll
    static void start() throws Exception {
        server = ContractServer.apply(HubServer.builder()).port(0).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clients() {
        clients = new JavaClients(server.port());
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    private static UnaryOperator<HttpHubConnectionBuilder> as(TransportEnum transport, String token) {
        return builder -> {
            builder.withTransport(transport);
            return token == null ? builder : builder.withAccessTokenProvider(Single.just(token));
        };
    }

    private static String call(HubConnection connection, String method, Object... args) {
        return connection.invoke(String.class, method, args).timeout(10, TimeUnit.SECONDS).blockingGet();
    }

    private String refusal(String path, TransportEnum transport, String token) {
        HubConnection connection = clients.build(path, as(transport, token));
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> connection.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(HubConnectionState.DISCONNECTED, connection.getConnectionState());
        return failure.getMessage();
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void aMethodPolicyRunsTheMethodOnlyForUsersWhoMeetIt(TransportEnum transport) {
        HubConnection editor = clients.connect("/policy", as(transport, EDITOR));
        HubConnection chief = clients.connect("/policy", as(transport, CHIEF));
        HubConnection reader = clients.connect("/policy", as(transport, READER));
        assertEquals("published it", call(editor, "publish", "it"));
        assertEquals("retracted it", call(chief, "retract", "it"));
        assertEquals("Failed to invoke 'publish' because user is unauthorized", assertThrows(
                com.microsoft.signalr.HubException.class, () -> call(reader, "publish", "it")).getMessage());
        // Roles and policy together: the editor meets the policy but lacks the role.
        assertEquals("Failed to invoke 'retract' because user is unauthorized", assertThrows(
                com.microsoft.signalr.HubException.class, () -> call(editor, "retract", "it")).getMessage());
        assertEquals("bob", call(reader, "whoAmI"));
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void aHubPolicyRefusesAsAspNetCoreDoes(TransportEnum transport) {
        assertEquals("Unexpected status code returned from negotiate: 401 Unauthorized.",
                refusal("/editors", transport, null));
        assertEquals("Unexpected status code returned from negotiate: 403 Forbidden.",
                refusal("/editors", transport, READER));
        assertEquals("Unexpected status code returned from negotiate: 401 Unauthorized.",
                refusal("/secure", transport, ContractServer.REFUSED_TOKEN));
        assertEquals("ed", call(clients.connect("/editors", as(transport, EDITOR)), "whoAmI"));
    }

    @Test
    void aDirectWebSocketIsRefusedWithTheStatusLineOfAspNetCore() {
        HubConnection direct = clients.build("/editors", builder -> builder.withTransport(TransportEnum.WEBSOCKETS)
                .shouldSkipNegotiate(true).withAccessTokenProvider(Single.just(READER)));
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> direct.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        StringBuilder causes = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            causes.append(cause).append('\n');
        }
        assertTrue(causes.toString().contains("403 Forbidden"), causes.toString());
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void hubPathsMatchIgnoringCase(TransportEnum transport) {
        HubConnection shouting = clients.connect("/TEST", as(transport, null));
        assertEquals(5, shouting.invoke(Integer.class, "add", 2, 3).timeout(10, TimeUnit.SECONDS).blockingGet());
        assertEquals("ed", call(clients.connect("/Editors", as(transport, EDITOR)), "whoAmI"));
    }

    /** 401 and 403 as ASP.NET Core answers them: the status's reason phrase, no body, a Bearer challenge on 401. */
    @Test
    void refusalsHaveNoBodyOnEveryKindOfRequest() throws Exception {
        int port = server.port();
        RawRequest.Answer none = RawRequest.post(port, "/editors/negotiate?negotiateVersion=1", "");
        assertRefused(401, "Unauthorized", none);
        assertEquals("Bearer", none.header("WWW-Authenticate"));
        RawRequest.Answer forged = RawRequest.post(port, "/secure/negotiate?negotiateVersion=1", "",
                "Authorization: Bearer " + ContractServer.REFUSED_TOKEN);
        assertRefused(401, "Unauthorized", forged);
        assertEquals("Bearer error=\"invalid_token\", error_description=\"invalid token\"",
                forged.header("WWW-Authenticate"));
        assertRefused(403, "Forbidden", RawRequest.post(port, "/EDITORS/negotiate?negotiateVersion=1", "",
                "Authorization: Bearer " + READER));

        String editor = "access_token=" + java.net.URLEncoder.encode(EDITOR, java.nio.charset.StandardCharsets.UTF_8);
        RawRequest.Answer negotiated = RawRequest.post(port, "/editors/negotiate?negotiateVersion=1&" + editor, "");
        assertEquals(200, negotiated.status(), negotiated.body());
        String id = JSON.readTree(negotiated.body()).get("connectionToken").asText();
        assertRefused(401, "Unauthorized", RawRequest.send(port, "GET", "/editors?id=" + id));
        assertRefused(401, "Unauthorized", RawRequest.send(port, "GET", "/Editors?id=" + id,
                "Accept: text/event-stream"));
        assertRefused(401, "Unauthorized", RawRequest.post(port, "/editors?id=" + id, "x"));
        assertRefused(403, "Forbidden", RawRequest.send(port, "GET", "/editors?id=" + id + "&access_token=" + READER
                .replace(":", "%3A").replace("=", "%3D")));
        assertRefused(401, "Unauthorized", RawRequest.send(port, "GET", "/editors?id=" + id,
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
    }

    private static void assertRefused(int status, String reason, RawRequest.Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(reason, answer.reason());
        assertEquals("", answer.body());
    }
}
