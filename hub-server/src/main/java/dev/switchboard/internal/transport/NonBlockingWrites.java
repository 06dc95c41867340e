package dev.switchboard.internal.transport;

import java.io.IOException;
import java.util.function.Consumer;
import org.glassfish.grizzly.WriteHandler;
import org.glassfish.grizzly.http.io.NIOOutputStream;

/**
 * Writes to a held HTTP response without ever blocking the writing thread. Grizzly's output stream blocks
 * a writer whose client has stopped reading; here a write happens only once {@code canWrite()} has
 * guaranteed it will not, and otherwise when Grizzly says the client can take more. What waits meanwhile
 * is bounded by the connection's outgoing queue, not here.
 *
 * <p>A write is done only once the socket could take more again: until then the response is not finished,
 * so neither the transport's next send nor a request pipelined behind it on that socket, whose answer
 * Grizzly would write on a request thread, can pile onto a client that does not read.
 */
final class NonBlockingWrites {

    private NonBlockingWrites() {
    }

    /**
     * Writes and flushes {@code bytes} now or as soon as possible; {@code done} gets null or the failure.
     * Callers serialize their writes: at most one is pending per stream.
     */
    static void write(NIOOutputStream out, byte[] bytes, Consumer<Throwable> done) {
        whenWritable(out, () -> {
            Throwable failure = writeNow(out, bytes);
            if (failure != null) {
                done.accept(failure);
            } else {
                whenWritable(out, () -> done.accept(null), done);
            }
        }, done);
    }

    private static void whenWritable(NIOOutputStream out, Runnable then, Consumer<Throwable> onError) {
        if (out.canWrite()) {
            then.run();
            return;
        }
        out.notifyCanWrite(new WriteHandler() {
            @Override
            public void onWritePossible() {
                then.run();
            }

            @Override
            public void onError(Throwable failure) {
                onError.accept(failure);
            }
        });
    }

    private static Throwable writeNow(NIOOutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return null;
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }
}
