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
 */
final class NonBlockingWrites {

    private NonBlockingWrites() {
    }

    /**
     * Writes and flushes {@code bytes} now or as soon as possible; {@code done} gets null or the failure.
     * Callers serialize their writes: at most one is pending per stream.
     */
    static void write(NIOOutputStream out, byte[] bytes, Consumer<Throwable> done) {
        if (out.canWrite()) {
            done.accept(writeNow(out, bytes));
            return;
        }
        out.notifyCanWrite(new WriteHandler() {
            @Override
            public void onWritePossible() {
                done.accept(writeNow(out, bytes));
            }

            @Override
            public void onError(Throwable failure) {
                done.accept(failure);
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
