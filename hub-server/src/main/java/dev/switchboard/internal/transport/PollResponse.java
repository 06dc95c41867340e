package dev.switchboard.internal.transport;

/**
 * A long poll's response as its host holds it, for {@link LongPollingTransport}: the embedded server's
 * ({@link GrizzlyPoll}) or another host's ({@link ExchangePoll}).
 */
public interface PollResponse {

    /**
     * Keeps the poll open, holding no thread, until it is answered.
     *
     * @param cancelled called if the client goes away first
     * @param timedOut called when {@code timeoutMillis} pass first; the poll is still open, to be answered
     */
    void hold(long timeoutMillis, Runnable cancelled, Runnable timedOut);

    /**
     * Answers the poll, held or not, with long polling's headers, without blocking on the client.
     *
     * @param written called once the client has taken the answer, or failed to
     */
    void answer(int status, byte[] body, Runnable written);

    /** Drops the poll's socket, for a client that stopped reading. */
    void terminate();
}
