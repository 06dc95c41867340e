package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionRequestTest {

    private static ConnectionRequest withHeaders(Map<String, List<String>> headers) {
        return new ConnectionRequest("/hub", Map.of(), headers, "127.0.0.1");
    }

    @Test
    void headersMatchNamesCaseInsensitively() {
        ConnectionRequest request = withHeaders(Map.of("X-User", List.of("ada"), "Accept", List.of("a", "b")));

        assertEquals("ada", request.header("x-user"));
        assertEquals("ada", request.header("X-USER"));
        assertEquals(List.of("a", "b"), request.headers().get("ACCEPT"));
        assertTrue(request.headers().containsKey("accept"));
        assertNull(request.header("X-Use"));
        assertNull(request.headers().get("X-User-Id"));
        assertFalse(request.headers().containsKey(42));
    }

    @Test
    void headersAreListedInCaseInsensitiveOrderWithEveryValue() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("upgrade", List.of("websocket"));
        headers.put("Host", List.of("localhost:8080"));
        headers.put("Accept-Encoding", List.of("gzip", "deflate"));
        headers.put("X-Empty", List.of(""));

        ConnectionRequest request = withHeaders(headers);

        assertEquals(List.of("Accept-Encoding", "Host", "upgrade", "X-Empty"), List.copyOf(request.headers().keySet()));
        assertEquals(Map.of("upgrade", List.of("websocket"), "Host", List.of("localhost:8080"),
                "Accept-Encoding", List.of("gzip", "deflate"), "X-Empty", List.of("")), request.headers());
        assertEquals(4, request.headers().size());
        assertEquals("", request.header("x-empty"));
    }

    @Test
    void namesDifferingOnlyInCaseKeepTheLastValues() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Id", List.of("first"));
        headers.put("x-id", List.of("second"));

        assertEquals(Map.of("X-Id", List.of("second")), withHeaders(headers).headers());
    }

    @Test
    void lineBreaksAndNulInValuesBecomeSpaces() {
        ConnectionRequest request = withHeaders(Map.of("X-Odd", List.of("a\r\nb\0c"), "X-Next", List.of("d")));

        assertEquals("a  b c", request.header("X-Odd"));
        assertEquals("d", request.header("X-Next"));
    }

    @Test
    void headersCannotBeChanged() {
        ConnectionRequest request = withHeaders(Map.of("X-User", List.of("ada")));

        assertThrows(UnsupportedOperationException.class, () -> request.headers().put("X-User", List.of("eve")));
        assertThrows(UnsupportedOperationException.class, () -> request.headers().get("X-User").add("eve"));
        assertThrows(UnsupportedOperationException.class, () -> request.headers().clear());
    }

    @Test
    void equalRequestsAreEqual() {
        Map<String, List<String>> headers = Map.of("Host", List.of("localhost"));

        assertEquals(withHeaders(headers), withHeaders(headers));
        assertEquals(withHeaders(headers).hashCode(), withHeaders(headers).hashCode());
    }
}
