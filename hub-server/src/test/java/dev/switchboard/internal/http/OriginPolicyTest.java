package dev.switchboard.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Allowed origins are compared as browsers send them; entries that no browser could send fail at once. */
class OriginPolicyTest {

    private static OriginPolicy.Admission admit(OriginPolicy policy, String origin) {
        return policy.admit(Map.of("Origin", origin, "Host", "hub.example.com")::get);
    }

    @Test
    void listedOriginsAreWrittenAsBrowsersSendThem() {
        OriginPolicy policy = OriginPolicy.of(List.of("HTTPS://App.Example.COM:443", "http://localhost:3000",
                "http://legacy.example.com:80"));
        assertTrue(admit(policy, "https://app.example.com").allowed());
        assertTrue(admit(policy, "http://localhost:3000").allowed());
        assertTrue(admit(policy, "http://legacy.example.com").allowed());
        assertEquals(new OriginPolicy.Admission(false, "http://localhost:3001"),
                admit(policy, "http://localhost:3001"));
    }

    @Test
    void anEntryWithAPathOrWithoutASchemeIsRefused() {
        for (String wrong : List.of("https://app.example.com/", "app.example.com", "https://app.example.com/chat",
                "https://*.example.com", "https://user@app.example.com", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OriginPolicy.of(List.of(wrong)), wrong);
            assertTrue(e.getMessage().contains("such as https://app.example.com"), e.getMessage());
        }
    }

    @Test
    void aRefusalShowsOnlyPrintableTextOfTheOrigin() {
        assertEquals("Origin http://\u00e9vil?x is not allowed".replace('\u00e9', '?'),
                new OriginPolicy.Admission(false, "http://\u00e9vil\u0001x").reason());
    }
}
