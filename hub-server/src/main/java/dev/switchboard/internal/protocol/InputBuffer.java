package dev.switchboard.internal.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes received but not yet parsed. A transport unit may end partway through a record, so what is
 * left after the last whole record stays here until the next unit arrives. Not thread-safe: one
 * connection reads at a time.
 *
 * <p>Every connection has one, and most connections are idle most of the time: an empty buffer holds no
 * array, so that it costs nothing between messages.
 */
public final class InputBuffer {

    private static final byte[] EMPTY = new byte[0];
    private static final int INITIAL_SIZE = 256;

    private byte[] data = EMPTY;
    private int start;
    private int end;
    /** Where the last fruitless search for {@link #searchedValue} stopped: a partial record is scanned once. */
    private int searchedTo;
    private byte searchedValue;

    public void append(ByteBuffer bytes) {
        int length = bytes.remaining();
        ensureRoom(length);
        bytes.get(data, end, length);
        end += length;
    }

    public void append(byte[] bytes, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(bytes, offset, data, end, length);
        end += length;
    }

    /** The backing array; readable bytes are {@code [start(), start() + readable())}. */
    public byte[] array() {
        return data;
    }

    public int start() {
        return start;
    }

    public int readable() {
        return end - start;
    }

    /** Offset from {@link #start()} of the first {@code value}, or -1. */
    public int indexOf(byte value) {
        int from = value == searchedValue ? Math.max(start, searchedTo) : start;
        for (int i = from; i < end; i++) {
            if (data[i] == value) {
                searchedTo = start;
                return i - start;
            }
        }
        searchedValue = value;
        searchedTo = end;
        return -1;
    }

    public void skip(int count) {
        if (count < 0 || count > readable()) {
            throw new IndexOutOfBoundsException(count);
        }
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
            searchedTo = 0;
            data = EMPTY;
        }
    }

    private void ensureRoom(int length) {
        if (data.length - end >= length) {
            return;
        }
        int readable = readable();
        if (data.length - readable >= length && start > 0) {
            System.arraycopy(data, start, data, 0, readable);
        } else {
            byte[] bigger = new byte[Math.max(Math.max(INITIAL_SIZE, data.length * 2), readable + length)];
            System.arraycopy(data, start, bigger, 0, readable);
            data = bigger;
        }
        searchedTo = Math.max(0, searchedTo - start);
        start = 0;
        end = readable;
    }

    @Override
    public String toString() {
        return "InputBuffer" + Arrays.toString(Arrays.copyOfRange(data, start, Math.min(end, start + 32)));
    }
}
