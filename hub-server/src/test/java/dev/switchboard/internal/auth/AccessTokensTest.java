package dev.switchboard.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.ConnectionRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static ConnectionRequest request(Map<String, List<String>> query, Map<String, List<String>> headers) {
        return new ConnectionRequest("/hub", query, headers, "127.0.0.1");
    }

    @Test
    void theQueryStringComesFirstThenTheBearerHeaderThenTheCookie() {
        Map<String, List<String>> header = Map.of("Authorization", List.of("Bearer from-header"),
                "Cookie", List.of("a=1; token=\"from-cookie\""));
        assertEquals("from-query", AccessTokens.find(request(Map.of("access_token", List.of("from-query")), header),
                "token"));
        assertEquals("from-header", AccessTokens.find(request(Map.of(), header), "token"));
        assertEquals("from-cookie", AccessTokens.find(request(Map.of(), Map.of("Cookie",
                List.of("a=1; token=\"from-cookie\""))), "token"));
        assertNull(AccessTokens.find(request(Map.of(), Map.of("Cookie", List.of("token=x"))), null));
        assertNull(AccessTokens.find(request(Map.of(), Map.of("Authorization", List.of("Basic dXNlcjpwdw=="))), null));
    }

    @Test
    void redactHidesTokensInQueryStringsHeadersAndBearerValues() {
        String logged = AccessTokens.redact("GET /hub?id=secret0&access_token=eyJ.secret.sig&x=1\n"
                + "< Authorization: Bearer eyJ.secret.sig\n"
                + "      cookie=theme=dark; switchboard_token=eyJ.secret.sig\n"
                + "FINEST: access_token= eyJ.secret.sig\n"
                + "headers={host=[localhost]} then Bearer eyJ.secret.sig");
        assertFalse(logged.contains("secret"), logged);
        assertEquals("GET /hub?id=***&access_token=***&x=1", logged.lines().findFirst().orElseThrow());
    }

    @Test
    void redactHidesConnectionTokensAsGrizzlyAndTyrusShowThemAndLeavesOtherIdsAlone() {
        String logged = AccessTokens.redact("   query=id=secret1&_=17\n"
                + "FINEST Parameters: Decoding query id=secret2 UTF-8\n"
                + "FINEST Parameters: Process parameters. content=negotiateVersion=1&ID=secret3\n"
                + "FINEST Parameters: id= secret4\n"
                + "ws://localhost/hub?id=secret5 connectionId=abc userid=def x.id=ghi");
        assertFalse(logged.contains("secret"), logged);
        assertTrue(logged.endsWith("?id=*** connectionId=abc userid=def x.id=ghi"), logged);
    }

    @Test
    void aRequestsTextFormHidesItsCredentials() {
        String text = request(Map.of("access_token", List.of("secret-1"), "id", List.of("secret-4"),
                        "negotiateVersion", List.of("abc")),
                Map.of("Authorization", List.of("Bearer secret-2"), "Cookie", List.of("t=secret-3"),
                        "Host", List.of("localhost"))).toString();
        assertFalse(text.contains("secret"), text);
        assertTrue(text.contains("localhost") && text.contains("abc"), text);
    }
}
