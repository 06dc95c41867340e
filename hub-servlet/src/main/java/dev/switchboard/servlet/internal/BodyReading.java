package dev.switchboard.servlet.internal;

import dev.switchboard.spi.host.HostExchange;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** A request body read as the container has its bytes, up to a limit, without holding a thread. */
final class BodyReading implements ReadListener {

    private final ServletInputStream in;
    private final int maxBytes;
    private final HostExchange.BodyReader reader;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private boolean done;

    BodyReading(ServletInputStream in, int maxBytes, HostExchange.BodyReader reader) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.reader = reader;
    }

    @Override
    public synchronized void onDataAvailable() throws IOException {
        while (!done && in.isReady()) {
            int read = in.read(buffer);
            if (read < 0) {
                return;   // onAllDataRead follows
            }
            if (body.size() + read > maxBytes) {
                done = true;
                reader.tooLarge();
                return;
            }
            body.write(buffer, 0, read);
        }
    }

    @Override
    public void onAllDataRead() {
        byte[] bytes;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            bytes = body.toByteArray();
        }
        reader.body(bytes);
    }

    @Override
    public void onError(Throwable error) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        reader.failed(error);
    }
}
