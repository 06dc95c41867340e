package dev.switchboard.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.switchboard.HubException;
import dev.switchboard.internal.protocol.CompletionMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The pending results of one connection: each leaves when answered, timed out, cancelled, or ended. */
class ClientResultsTest {

    private final ClientResults results = new ClientResults("c1", Duration.ofSeconds(30));

    private static Throwable failure(CompletableFuture<?> future) {
        return assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void anAnswerCompletesItsResultAndLeaves() throws Exception {
        ClientResults.Pending first = results.add("a");
        ClientResults.Pending second = results.add("b");
        assertNotEquals(first.invocationId(), second.invocationId());
        assertTrue(first.invocationId().startsWith("s"), "server ids never look like the clients' numeric ids");
        assertTrue(results.isPending(first.invocationId()));
        results.complete(CompletionMessage.withResult(first.invocationId(), IntNode.valueOf(7)));
        assertEquals(IntNode.valueOf(7), first.result().get(10, TimeUnit.SECONDS));
        results.complete(CompletionMessage.empty(second.invocationId()));
        assertEquals(null, second.result().get(10, TimeUnit.SECONDS));
        assertEquals(0, results.size());
        // A second answer for the same id finds nothing.
        assertTrue(!results.isPending(first.invocationId()));
    }

    @Test
    void anErrorBecomesAHubException() {
        ClientResults.Pending pending = results.add("a");
        results.complete(CompletionMessage.withError(pending.invocationId(), "Client didn't provide a result."));
        Throwable failure = failure(pending.result());
        assertInstanceOf(HubException.class, failure);
        assertEquals("Client didn't provide a result.", failure.getMessage());
        assertEquals(0, results.size());
    }

    @Test
    void aTimeoutFailsTheResultAndItLeaves() {
        ClientResults quick = new ClientResults("c2", Duration.ofMillis(50));
        ClientResults.Pending pending = quick.add("slow");
        Throwable failure = failure(pending.result());
        assertInstanceOf(TimeoutException.class, failure);
        assertEquals("Client of connection 'c2' did not answer 'slow' within 50 ms.", failure.getMessage());
        assertEquals(0, quick.size());
    }

    @Test
    void cancellingTheResultRemovesIt() {
        ClientResults.Pending pending = results.add("a");
        pending.result().cancel(false);
        assertEquals(0, results.size());
    }

    @Test
    void endingFailsEveryResultAndEveryLaterOne() {
        ClientResults.Pending pending = results.add("a");
        results.end();
        assertEquals("Connection 'c1' disconnected.", failure(pending.result()).getMessage());
        ClientResults.Pending late = results.add("b");
        assertTrue(late.result().isCompletedExceptionally());
        assertInstanceOf(IOException.class, failure(late.result()));
        assertEquals(0, results.size());
    }
}
