package dev.switchboard.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InputBufferTest {

    private static byte[] readable(InputBuffer buffer) {
        return Arrays.copyOfRange(buffer.array(), buffer.start(), buffer.start() + buffer.readable());
    }

    @Test
    void newBufferIsEmpty() {
        InputBuffer buffer = new InputBuffer();
        assertEquals(0, buffer.readable());
        assertEquals(-1, buffer.indexOf((byte) 0));
    }

    @Test
    void appendFromArrayAndByteBuffer() {
        InputBuffer buffer = new InputBuffer();
        buffer.append(new byte[] {9, 1, 2, 9}, 1, 2);
        ByteBuffer more = ByteBuffer.wrap(new byte[] {3, 4, 5});
        buffer.append(more);
        assertEquals(0, more.remaining(), "the ByteBuffer is consumed");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, readable(buffer));
    }

    @Test
    void indexOfIsRelativeToStartAndFindsTheFirstMatch() {
        InputBuffer buffer = new InputBuffer();
        buffer.append(new byte[] {7, 30, 8, 30}, 0, 4);
        assertEquals(1, buffer.indexOf((byte) 30));
        buffer.skip(2);
        assertEquals(1, buffer.indexOf((byte) 30));
        assertEquals(-1, buffer.indexOf((byte) 7));
    }

    @Test
    void skippingEverythingEmptiesTheBuffer() {
        InputBuffer buffer = new InputBuffer();
        buffer.append(new byte[] {1, 2, 3}, 0, 3);
        buffer.skip(3);
        assertEquals(0, buffer.readable());
        assertEquals(-1, buffer.indexOf((byte) 1));
    }

    @Test
    void skipBeyondReadableOrNegativeIsRefused() {
        InputBuffer buffer = new InputBuffer();
        buffer.append(new byte[] {1, 2}, 0, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.skip(3));
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.skip(-1));
        assertEquals(2, buffer.readable());
    }

    @Test
    void oneLargeAppendGrowsTheBuffer() {
        InputBuffer buffer = new InputBuffer();
        byte[] big = new byte[10_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        buffer.append(new byte[] {42}, 0, 1);
        buffer.append(big, 0, big.length);
        assertEquals(10_001, buffer.readable());
        assertEquals(42, readable(buffer)[0]);
        assertArrayEquals(big, Arrays.copyOfRange(readable(buffer), 1, 10_001));
    }

    @Test
    void manySmallAppendsAndSkipsKeepTheDataIntactAcrossGrowthAndCompaction() {
        InputBuffer buffer = new InputBuffer();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int expectedStart = 0;
        int next = 0;
        for (int round = 0; round < 5_000; round++) {
            int appendCount = 1 + round % 37;
            byte[] chunk = new byte[appendCount];
            for (int i = 0; i < appendCount; i++) {
                chunk[i] = (byte) next++;
            }
            buffer.append(chunk, 0, appendCount);
            expected.write(chunk, 0, appendCount);

            // Skip a little less than was appended on average, so the readable part slowly grows.
            int skipCount = Math.min(buffer.readable(), round % 41);
            buffer.skip(skipCount);
            expectedStart += skipCount;

            byte[] all = expected.toByteArray();
            assertArrayEquals(Arrays.copyOfRange(all, expectedStart, all.length), readable(buffer),
                    "round " + round);
        }
    }

    @Test
    void compactionWhenSkippedSpaceIsReused() {
        InputBuffer buffer = new InputBuffer();
        byte[] block = new byte[200];
        Arrays.fill(block, (byte) 1);
        buffer.append(block, 0, 200);
        buffer.skip(190);
        byte[] more = new byte[100];
        Arrays.fill(more, (byte) 2);
        buffer.append(more, 0, 100);
        byte[] data = readable(buffer);
        assertEquals(110, data.length);
        assertEquals(0, buffer.start());
        assertEquals(1, data[9]);
        assertEquals(2, data[10]);
        assertEquals(10, buffer.indexOf((byte) 2));
    }

    @Test
    void anEmptyBufferHoldsNoArray() {
        InputBuffer buffer = new InputBuffer();
        assertEquals(0, buffer.array().length);
        byte[] large = new byte[200_000];
        buffer.append(large, 0, large.length);
        assertTrue(buffer.array().length >= large.length);
        buffer.skip(large.length);
        assertEquals(0, buffer.array().length);
        buffer.append(new byte[] {'x', 0x1e}, 0, 2);
        assertEquals(256, buffer.array().length);
        assertEquals(1, buffer.indexOf((byte) 0x1e));
    }

    @Test
    void aRecordArrivingInPiecesIsFoundWhereverItEnds() {
        InputBuffer buffer = new InputBuffer();
        for (int i = 0; i < 1000; i++) {
            buffer.append(new byte[] {'x'}, 0, 1);
            assertEquals(-1, buffer.indexOf((byte) 0x1e));
        }
        assertEquals(0, buffer.indexOf((byte) 'x'), "another value is searched from the start");
        buffer.append(new byte[] {0x1e, 'y'}, 0, 2);
        assertEquals(1000, buffer.indexOf((byte) 0x1e));
        buffer.skip(1001);
        assertEquals(-1, buffer.indexOf((byte) 0x1e));
        buffer.append(new byte[] {0x1e}, 0, 1);
        assertEquals(1, buffer.indexOf((byte) 0x1e));
    }
}
