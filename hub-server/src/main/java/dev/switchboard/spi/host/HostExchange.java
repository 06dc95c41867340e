package dev.switchboard.spi.host;

import dev.switchboard.ConnectionRequest;
import java.util.function.Consumer;

/**
 * One plain HTTP request and its response as a host hands it to a {@link HubHost}. Either it is answered once with
 * {@link #respond}, or it is held ({@link #hold}) past {@link HubHost#handle}'s return: an event stream writes to it
 * with {@link #write} until {@link #end}, a long poll is answered later with {@link #respond}. No method may block
 * on the client: writes complete through their callbacks.
 */
public interface HostExchange {

    /** {@return the request method, such as {@code GET}} */
    String method();

    /** {@return the request: its path relative to the hubs' mount, query, header fields, peer and principal} */
    ConnectionRequest request();

    /**
     * Sets a response header field, replacing any of that name; before the response starts.
     *
     * @param name the field's name
     * @param value its value
     */
    void setHeader(String name, String value);

    /**
     * Adds a value to a response header field; before the response starts.
     *
     * @param name the field's name
     * @param value the value added
     */
    void addHeader(String name, String value);

    /**
     * Answers the request whole and ends the exchange, held or not. Writes without blocking; the exchange is
     * complete once the client has taken the body or failed to.
     *
     * @param status the status
     * @param contentType the body's type, or null for none
     * @param body the body, possibly empty
     * @param written called once, with null when the body was written or the failure, on any thread
     */
    void respond(int status, String contentType, byte[] body, Consumer<Throwable> written);

    /**
     * Reads the request's body without holding a thread while a slow client sends it, then calls back once.
     *
     * @param maxBytes the most the body may hold; a longer one is reported to {@code reader} as too large
     * @param reader what learns of the body
     */
    void readBody(int maxBytes, BodyReader reader);

    /**
     * Keeps the exchange open after {@link HubHost#handle} returns, until it is answered or ended.
     *
     * @param timeoutMillis after how long the host calls {@code timedOut} (0 for never)
     * @param gone called once if the client goes away or the host ends the exchange first
     * @param timedOut called once when the timeout passes first; the exchange is still open, to be answered
     */
    void hold(long timeoutMillis, Runnable gone, Runnable timedOut);

    /**
     * Starts a streamed response on a held exchange: the status, type and headers go out now, with
     * {@code first} as the start of the body.
     *
     * @param status the status
     * @param contentType the body's type
     * @param first the first bytes, flushed at once
     */
    void beginStream(int status, String contentType, byte[] first);

    /**
     * Writes and flushes bytes of a streamed response without blocking; one write at a time.
     *
     * @param bytes the bytes
     * @param done called once, with null once the client can take more or the failure
     */
    void write(byte[] bytes, Consumer<Throwable> done);

    /** Ends a held or streamed exchange normally. */
    void end();

    /** Drops the exchange's socket at once, for a client that no longer reads. */
    void abort();

    /** What learns of a request body read by {@link #readBody}; exactly one method is called, once. */
    interface BodyReader {

        /**
         * The whole body.
         *
         * @param bytes its bytes
         */
        void body(byte[] bytes);

        /** The body is longer than allowed; nothing more of it is read. */
        void tooLarge();

        /**
         * The body could not be read.
         *
         * @param error why
         */
        void failed(Throwable error);
    }
}
