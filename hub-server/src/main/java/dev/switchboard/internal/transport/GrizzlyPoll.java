package dev.switchboard.internal.transport;

import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A long poll on the embedded server: a suspended Grizzly response. */
public final class GrizzlyPoll implements PollResponse {

    private static final Logger log = LoggerFactory.getLogger(GrizzlyPoll.class);

    private final Response response;

    public GrizzlyPoll(Response response) {
        this.response = response;
    }

    @Override
    public void hold(long timeoutMillis, Runnable cancelled, Runnable timedOut) {
        // Grizzly calls these holding its own lock on the response, while the transport answers holding its own:
        // the transport's callbacks take no lock, and act only if the response is still the one held.
        response.suspend(timeoutMillis, TimeUnit.MILLISECONDS, new EmptyCompletionHandler<>() {
            @Override
            public void cancelled() {
                cancelled.run();
            }
        }, expired -> {
            // Grizzly only marks a timed-out response cancelled; answering it is the transport's to do.
            timedOut.run();
            return true;
        });
    }

    /**
     * Completes the poll on any thread, which must not wait for a client that reads slowly: even an answer ready
     * at once is written without blocking the request thread.
     */
    @Override
    public void answer(int status, byte[] body, Runnable written) {
        if (!response.isSuspended()) {
            response.suspend();
        }
        headers(response, status, body.length);
        NonBlockingWrites.write(response.getNIOOutputStream(), body, failure -> {
            if (failure != null) {
                log.debug("A poll could not be answered", failure);
            }
            written.run();
            response.resume();
        });
    }

    /** The first poll of a connection activates it and is answered at once, empty, as the clients need. */
    public static void answerFirst(Response response) {
        headers(response, 200, 0);
    }

    @Override
    public void terminate() {
        response.getRequest().getContext().getConnection().terminateSilently();
    }

    private static void headers(Response response, int status, int length) {
        response.setStatus(status);
        LongPollingTransport.HEADERS.forEach(response::setHeader);
        if (status == 200) {
            response.setContentType(LongPollingTransport.CONTENT_TYPE);
        }
        response.setContentLength(length);
    }
}
