package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.ParallelHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import org.junit.jupiter.api.Test;

/**
 * {@code maximumParallelInvocationsPerClient} with the official JavaScript client in Node ({@code
 * src/test/node/parallel.mjs}): four blocking calls of one connection at once, results in the order calls finish, and
 * a stream cancelled before its turn, whose method the server still runs. Outside CI a missing {@code node} skips it;
 * in CI it fails.
 */
class ParallelNodeTest {

    private final Injector injector = Guice.createInjector();
    private final ParallelHub.Recorder recorder = injector.getInstance(ParallelHub.Recorder.class);

    @Test
    void theOfficialJavaScriptClient() throws Exception {
        try (HubServer server = HubServer.builder().port(0).injector(injector)
                .hub("/parallel", ParallelHub.class, HubOptions.defaults().withMaximumParallelInvocationsPerClient(4))
                .hub("/serial", ParallelHub.class).build().start()) {
            String output = NodeContract.run("parallel.mjs", "http://127.0.0.1:" + server.port());
            assertEquals("four blocking calls ran at once\nresults arrived in the order the calls finished\n"
                    + "a stream cancelled before its turn sent nothing", output);
            assertEquals("watchedStream", Await.next(recorder.streamsRun, "the cancelled stream's method to run"));
            assertEquals("watchedStream", Await.next(recorder.cancelled, "its publisher to be cancelled"));
            Await.until(() -> server.connectionCount() == 0, "every connection to end");
        }
    }
}
