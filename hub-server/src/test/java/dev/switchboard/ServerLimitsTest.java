package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerLimitsTest {

    @Test
    void theDefaultsAreKestrelsWhereKestrelHasTheLimit() {
        ServerLimits limits = ServerLimits.defaults();
        assertEquals(Duration.ofSeconds(30), limits.requestHeadersTimeout());
        assertEquals(Duration.ofSeconds(120), limits.keepAliveTimeout());
        assertEquals(240, limits.minRequestBodyDataRate());
        assertEquals(Duration.ofSeconds(5), limits.minRequestBodyDataRateGracePeriod());
        assertEquals(0, limits.maxConcurrentSockets());
        assertEquals(Duration.ofSeconds(5), limits.negotiateHoldTimeout());
        assertEquals(0, limits.negotiatesPerSecondPerAddress());
        assertEquals(30_000_000, limits.maxRequestBodySize());
    }

    @Test
    void durationsMustBePositiveAndAtMostAYear() {
        ServerLimits limits = ServerLimits.defaults();
        assertThrows(IllegalArgumentException.class, () -> limits.withRequestHeadersTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> limits.withKeepAliveTimeout(Duration.ofSeconds(-1)));
        // Longer would overflow the sums of nanoseconds the deadlines are judged by.
        assertThrows(IllegalArgumentException.class, () -> limits.withKeepAliveTimeout(Duration.ofDays(366)));
        assertThrows(IllegalArgumentException.class,
                () -> limits.withMinRequestBodyDataRate(240, Duration.ofSeconds(-1)));
        assertEquals(Duration.ZERO, limits.withMinRequestBodyDataRate(240, Duration.ZERO)
                .minRequestBodyDataRateGracePeriod());
        assertEquals(Duration.ofDays(365), limits.withNegotiateHoldTimeout(Duration.ofDays(365))
                .negotiateHoldTimeout());
    }

    @Test
    void countsMustNotBeNegativeAndARateNeedsABurst() {
        ServerLimits limits = ServerLimits.defaults();
        assertThrows(IllegalArgumentException.class, () -> limits.withMaxConcurrentSockets(-1));
        assertThrows(IllegalArgumentException.class, () -> limits.withMinRequestBodyDataRate(-1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> limits.withNegotiateRateLimit(5, 0));
        assertEquals(5, limits.withNegotiateRateLimit(5, 20).negotiatesPerSecondPerAddress());
        assertThrows(IllegalArgumentException.class, () -> limits.withMaxRequestBodySize(0));
        assertEquals(1, limits.withMaxRequestBodySize(1).maxRequestBodySize());
    }
}
