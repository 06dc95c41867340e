package dev.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --protocols}: JSON unless asked, and each protocol on Switchboard's servers only; the echo's parallel limits
 * and calls in flight.
 */
class BenchOptionsTest {

    @Test
    void jsonUnlessAsked() {
        BenchOptions options = BenchOptions.parse(new String[] {"--smoke"});
        assertEquals(List.of("json"), options.protocols());
        assertEquals(List.of("json"), options.protocolsOf("switchboard"));
    }

    @Test
    void switchboardsServersRunEachProtocolTheOthersTheirOwn() {
        BenchOptions options = BenchOptions.parse(new String[] {"--protocols", "json,messagepack"});
        assertEquals(List.of("json", "messagepack"), options.protocolsOf("switchboard"));
        assertEquals(List.of("json", "messagepack"), options.protocolsOf("switchboard-tomcat"));
        assertEquals(List.of("json"), options.protocolsOf("spring-websocket"));
        assertEquals(List.of("socket.io"), options.protocolsOf("socketio"));
    }

    @Test
    void anUnknownProtocolIsAUsageError() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--protocols", "xml"}));
    }

    @Test
    void theEchoRunsAtSignalRsDefaultWithOneCallInFlightUnlessAsked() {
        BenchOptions defaults = BenchOptions.parse(new String[] {"--smoke"});
        assertEquals(List.of(1), defaults.echoParallel());
        assertEquals(1, defaults.echoInFlight());
        BenchOptions asked = BenchOptions.parse(new String[] {"--echo-parallel", "4,1", "--echo-in-flight", "4"});
        assertEquals(List.of(1, 4), asked.echoParallel());
        assertEquals(4, asked.echoInFlight());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--echo-parallel", "0"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--echo-in-flight", "0"}));
    }
}
