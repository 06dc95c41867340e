package dev.switchboard;

import java.nio.charset.StandardCharsets;

/**
 * One fuzz connection over one transport: it sends a mutant's frames as they are, then a separator and a
 * probe invocation, and reports how the server dealt with the session.
 */
interface FuzzConnection extends AutoCloseable {

    /**
     * How a session ended: the probe answered (the connection works on), the server closed it, the server closed
     * it for the client's silence (a hang, for a probe sent whole: the server swallowed it), or neither.
     */
    enum Outcome { ANSWERED, CLOSED, TIMED_OUT, HUNG }

    /** How a session ended, and in what words: {@code answered}, {@code close 1002}, {@code status 400}, ... */
    record Result(Outcome outcome, String ending) {
    }

    /** The start of the reason of the Close message the server sends to a client that went silent. */
    String CLIENT_TIMEOUT = "Server closed the connection: nothing received from the client";

    String PROBE_ID = "probe";
    byte[] PROBE = FrameMutator.invocation(PROBE_ID, "add", "[20,22]").getBytes(StandardCharsets.UTF_8);
    /** A separator first ends whatever record a mutant left unfinished; an empty record would be bad input. */
    byte[] SEPARATED_PROBE = ("\u001e" + new String(PROBE, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

    /** Sends one frame, or POSTs it; what the server makes of it shows in {@link #await}. */
    void send(FrameMutator.Frame frame) throws Exception;

    /**
     * Sends {@code probe}, an invocation answered only while the connection works, and waits until
     * {@code deadline} (a {@link System#nanoTime()}) for its answer or the end.
     */
    Outcome await(byte[] probe, long deadline) throws Exception;

    @Override
    void close();

    /** Splits what the server sends into records and recognises the probe's answer and the closing ones. */
    final class Records {
        private final StringBuilder partial = new StringBuilder();

        /** The outcome the text ends in, or null while it shows none. */
        Outcome accept(String text) {
            partial.append(text);
            int end;
            while ((end = partial.indexOf("\u001e")) >= 0) {
                String record = partial.substring(0, end);
                partial.delete(0, end + 1);
                if (record.startsWith("{\"type\":3") && record.contains("\"invocationId\":\"" + PROBE_ID + "\"")) {
                    return Outcome.ANSWERED;
                }
                if (record.startsWith("{\"type\":7") || record.startsWith("{\"error\"")) {
                    return record.contains(CLIENT_TIMEOUT) ? Outcome.TIMED_OUT : Outcome.CLOSED;
                }
            }
            return null;
        }
    }
}
