package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The options issue 19 added: which protocols clients may choose, and stateful reconnect's switch and budget; and
 * issue 20's parallel invocations.
 */
class HubOptionsTest {

    @Test
    void theDefaultsAreSignalRsWithBothProtocolsAndStatefulReconnectOff() {
        HubOptions options = HubOptions.defaults();

        assertEquals(Set.of("json", "messagepack"), options.supportedProtocols());
        assertFalse(options.allowStatefulReconnects());
        assertEquals(100_000, options.statefulReconnectBufferSize());
    }

    @Test
    void protocolNamesAreMatchedWithoutCaseAndUnknownOnesAreRefused() {
        assertEquals(Set.of("messagepack"),
                HubOptions.defaults().withSupportedProtocols("MessagePack").supportedProtocols());
        assertEquals("Unknown hub protocol 'protobuf': supported are json and messagepack",
                assertThrows(IllegalArgumentException.class,
                        () -> HubOptions.defaults().withSupportedProtocols("protobuf")).getMessage());
        assertEquals("At least one hub protocol must be supported",
                assertThrows(IllegalArgumentException.class,
                        () -> HubOptions.defaults().withSupportedProtocols()).getMessage());
    }

    @Test
    void theReplayBudgetMustBePositive() {
        assertEquals(10, HubOptions.defaults().withAllowStatefulReconnects(true).withStatefulReconnectBufferSize(10)
                .statefulReconnectBufferSize());
        assertEquals("statefulReconnectBufferSize must be positive",
                assertThrows(IllegalArgumentException.class,
                        () -> HubOptions.defaults().withStatefulReconnectBufferSize(0)).getMessage());
    }

    @Test
    void parallelInvocationsDefaultToOneAsInSignalRAndMustBePositive() {
        assertEquals(1, HubOptions.defaults().maximumParallelInvocationsPerClient());
        assertEquals(4, HubOptions.defaults().withMaximumParallelInvocationsPerClient(4)
                .maximumParallelInvocationsPerClient());
        assertEquals(4, HubOptions.defaults().withMaximumParallelInvocationsPerClient(4).withEnableDetailedErrors(true)
                .maximumParallelInvocationsPerClient(), "the other with-methods keep it");
        assertEquals("maximumParallelInvocationsPerClient must be positive",
                assertThrows(IllegalArgumentException.class,
                        () -> HubOptions.defaults().withMaximumParallelInvocationsPerClient(0)).getMessage());
    }
}
