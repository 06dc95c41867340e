package dev.switchboard.servlet.internal;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.spi.host.HostExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link HostExchange} over a servlet request in asynchronous mode: bodies are read by a {@link BodyReading},
 * answers written by an {@link AsyncOutput}, and a held exchange times out by the registration's timer. The
 * container's own async timeout is off; the client going away shows as an {@link AsyncListener} error or a failed
 * write (a vanished event-stream client is noticed at the next keep-alive write).
 */
final class ServletExchange implements HostExchange, AsyncListener {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AsyncContext async;
    private final ConnectionRequest connectionRequest;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile AsyncOutput output;
    private final AtomicReference<Runnable> gone = new AtomicReference<>();
    private volatile ScheduledFuture<?> timeout;

    ServletExchange(HttpServletRequest request, HttpServletResponse response, ConnectionRequest connectionRequest,
                    ScheduledExecutorService timer) {
        this.request = request;
        this.response = response;
        this.connectionRequest = connectionRequest;
        this.timer = timer;
        this.async = request.startAsync(request, response);
        async.setTimeout(0);
        async.addListener(this);
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public ConnectionRequest request() {
        return connectionRequest;
    }

    @Override
    public void setHeader(String name, String value) {
        response.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        response.addHeader(name, value);
    }

    @Override
    public void respond(int status, String contentType, byte[] body, Consumer<Throwable> written) {
        if (finished.get() || !answered.compareAndSet(false, true)) {
            written.accept(new IllegalStateException("The exchange is answered or ended already"));
            return;
        }
        response.setStatus(status);
        if (contentType != null) {
            response.setContentType(contentType);
        }
        response.setContentLength(body.length);
        if (body.length == 0) {
            complete();
            written.accept(null);
            return;
        }
        output().write(body, error -> {
            complete();
            written.accept(error);
        });
    }

    @Override
    public void readBody(int maxBytes, BodyReader reader) {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            reader.tooLarge();
            return;
        }
        try {
            request.getInputStream().setReadListener(new BodyReading(request.getInputStream(), maxBytes, reader));
        } catch (IOException | RuntimeException e) {
            reader.failed(e);
        }
    }

    @Override
    public void hold(long timeoutMillis, Runnable gone, Runnable timedOut) {
        this.gone.set(gone);
        if (timeoutMillis > 0) {
            try {
                timeout = timer.schedule(() -> {
                    if (!finished.get()) {
                        timedOut.run();
                    }
                }, timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // The context is being destroyed: its hubs end every exchange.
            }
        }
        if (finished.get()) {
            goneOnce();
        }
    }

    @Override
    public void beginStream(int status, String contentType, byte[] first) {
        answered.set(true);
        // The stream's end is the connection's: no container keeps it alive for another request.
        response.setHeader("Connection", "close");
        response.setStatus(status);
        response.setContentType(contentType);
        output().write(first, error -> { });
    }

    @Override
    public void write(byte[] bytes, Consumer<Throwable> done) {
        if (finished.get()) {
            done.accept(new IOException("The exchange has ended"));
            return;
        }
        output().write(bytes, done);
    }

    @Override
    public void end() {
        AsyncOutput current = output;
        if (current == null) {
            complete();
        } else {
            current.whenDrained(this::complete);
        }
    }

    @Override
    public void abort() {
        if (finished.get()) {
            return;
        }
        Aborts.closeConnection(request, response);
        AsyncOutput current = output;
        if (current != null) {
            current.fail(new IOException("Dropped by the server"));
        }
        complete();
    }

    private synchronized AsyncOutput output() {
        if (output == null) {
            try {
                output = new AsyncOutput(response.getOutputStream(), error -> clientGone());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return output;
    }

    private void complete() {
        if (finished.compareAndSet(false, true)) {
            ScheduledFuture<?> pending = timeout;
            if (pending != null) {
                pending.cancel(false);
            }
            try {
                async.complete();
            } catch (IllegalStateException alreadyCompleted) {
                // The container completed it after an error.
            }
        }
    }

    private void clientGone() {
        boolean wasOpen = !finished.get();
        complete();
        if (wasOpen) {
            goneOnce();
        }
    }

    private void goneOnce() {
        Runnable once = gone.getAndSet(null);
        if (once != null) {
            once.run();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        if (finished.compareAndSet(false, true)) {
            goneOnce();   // the container ended it, not the hubs
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        clientGone();
    }

    @Override
    public void onError(AsyncEvent event) {
        AsyncOutput current = output;
        if (current != null) {
            current.fail(event.getThrowable() == null ? new IOException("Client gone") : event.getThrowable());
        }
        clientGone();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
