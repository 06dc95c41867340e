package dev.switchboard;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The frames of one session as {@link WebSocketFrameMutator} bends them: where whole messages and message
 * boundaries are, fragmenting, and the socket writes the frames make, cut short or dribbled when asked. Its
 * choices come from the mutator's {@link Random}.
 */
final class WireSession {

    final List<WireFrame> frames = new ArrayList<>();
    /** The frame whose header the writes end in, or -1 to write every frame whole. */
    int truncateAt = -1;
    /** Whether the writes are small pieces of the byte stream rather than one a frame. */
    boolean dribble;
    private final Random random;

    WireSession(Random random) {
        this.random = random;
    }

    /** Splits one whole message into {@code parts} fragments cut anywhere, UTF-8 sequences included. */
    boolean fragmentSome(int parts) {
        int at = wholeMessage();
        if (at < 0) {
            return false;
        }
        frames.addAll(at, fragments(frames.remove(at), parts));
        return true;
    }

    /**
     * Fragments a whole message and puts {@code frame} between two of its fragments; without a whole message,
     * puts it at a message boundary.
     */
    String insertBetweenFragments(WireFrame frame) {
        String name = frame.control() ? (frame.opcode() == WireFrame.PING ? "ping" : "pong") : "frame";
        int at = wholeMessage();
        if (at < 0) {
            frames.add(boundary(), frame);
            return name + " (no message to fragment)";
        }
        List<WireFrame> fragments = fragments(frames.remove(at), 2 + random.nextInt(4));
        fragments.add(1 + random.nextInt(fragments.size() - 1), frame);
        frames.addAll(at, fragments);
        return name;
    }

    private List<WireFrame> fragments(WireFrame whole, int parts) {
        byte[] payload = whole.payload();
        int[] cuts = new int[parts + 1];
        cuts[parts] = payload.length;
        for (int i = 1; i < parts; i++) {
            cuts[i] = random.nextInt(payload.length + 1);
        }
        Arrays.sort(cuts);
        List<WireFrame> fragments = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            fragments.add(WireFrame.of(i == 0 ? whole.opcode() : WireFrame.CONTINUATION,
                    Arrays.copyOfRange(payload, cuts[i], cuts[i + 1]), key()).withFin(i == parts - 1));
        }
        return fragments;
    }

    /** A random frame that is a whole data message, or -1. */
    int wholeMessage() {
        List<Integer> whole = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).wholeMessage()) {
                whole.add(i);
            }
        }
        return whole.isEmpty() ? -1 : whole.get(random.nextInt(whole.size()));
    }

    /** A random position where no fragmented message is open. */
    int boundary() {
        List<Integer> boundaries = new ArrayList<>(List.of(0));
        boolean open = false;
        for (int i = 0; i < frames.size(); i++) {
            WireFrame frame = frames.get(i);
            if (!frame.control()) {
                open = !frame.fin();
            }
            if (!open) {
                boundaries.add(i + 1);
            }
        }
        return boundaries.get(random.nextInt(boundaries.size()));
    }

    /** Each frame its own write, or the bytes in small pieces; cut short in a header when asked. */
    List<byte[]> writes() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> writes = new ArrayList<>();
        int end = truncateAt < 0 ? frames.size() : truncateAt + 1;
        for (int i = 0; i < end; i++) {
            byte[] encoded = frames.get(i).encode();
            if (i == truncateAt) {
                int header = frames.get(i).headerLength();
                encoded = Arrays.copyOf(encoded, 1 + random.nextInt(header - 1));
            }
            writes.add(encoded);
            stream.writeBytes(encoded);
        }
        if (!dribble) {
            return writes;
        }
        byte[] all = stream.toByteArray();
        List<byte[]> pieces = new ArrayList<>();
        int largest = Math.max(16, all.length / 200);
        for (int from = 0; from < all.length; ) {
            int to = Math.min(all.length, from + 1 + random.nextInt(largest));
            pieces.add(Arrays.copyOfRange(all, from, to));
            from = to;
        }
        return pieces;
    }

    byte[] key() {
        return randomBytes(4);
    }

    byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
