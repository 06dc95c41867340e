package dev.switchboard.testing;

/** A test client that reads what a hub server sends one record at a time. */
public interface ServerRecords {

    /**
     * {@return the next record, without its separator}
     *
     * @throws InterruptedException when interrupted while waiting
     */
    String next() throws InterruptedException;

    /**
     * {@return the next record that is not a Ping}
     *
     * @throws InterruptedException when interrupted while waiting
     */
    default String nextNonPing() throws InterruptedException {
        String record;
        do {
            record = next();
        } while (record.equals("{\"type\":6}"));
        return record;
    }
}
