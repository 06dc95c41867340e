package dev.switchboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mutated HTTP request and how it is paced: the request's bytes, with {@link HttpFuzzRequest#TOKEN} for the
 * connection token, written piece by piece after each piece's pause; bytes after the last piece are never
 * sent. {@code untilClosed} when the server must also close the connection, not only answer.
 */
record HttpMutant(HttpFuzzRequest.Kind kind, List<String> mutations, byte[] request, List<Piece> plan,
                  boolean untilClosed) {

    /** Bytes up to {@code end} (exclusive), written after a pause of {@code pauseMillis}. */
    record Piece(int end, long pauseMillis) {
    }

    /** One write of a run. */
    record Write(byte[] bytes, long pauseMillis) {
    }

    private static final byte[] PLACEHOLDER = HttpFuzzRequest.TOKEN.getBytes(StandardCharsets.ISO_8859_1);

    /** The whole request in one write. */
    static List<Piece> whole(byte[] request) {
        return List.of(new Piece(request.length, 0));
    }

    /** The writes with {@code token} in place of the placeholder, each piece where it was around it. */
    List<Write> render(String token) {
        byte[] value = token.getBytes(StandardCharsets.ISO_8859_1);
        List<Integer> starts = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(request.length + 64);
        for (int i = 0; i < request.length; ) {
            if (matches(i)) {
                starts.add(i);
                out.writeBytes(value);
                i += PLACEHOLDER.length;
            } else {
                out.write(request[i++]);
            }
        }
        byte[] bytes = out.toByteArray();
        List<Write> writes = new ArrayList<>();
        int from = 0;
        for (Piece piece : plan) {
            int end = piece.end();
            int shift = 0;
            for (int start : starts) {
                if (start < end) {
                    // A piece never ends inside the token: the token goes whole with the piece it starts in.
                    end = Math.max(end, start + PLACEHOLDER.length);
                    shift += value.length - PLACEHOLDER.length;
                }
            }
            int to = Math.min(bytes.length, end + shift);
            writes.add(new Write(Arrays.copyOfRange(bytes, Math.min(from, to), to), piece.pauseMillis()));
            from = Math.max(from, to);
        }
        return writes;
    }

    private boolean matches(int at) {
        if (at + PLACEHOLDER.length > request.length) {
            return false;
        }
        for (int i = 0; i < PLACEHOLDER.length; i++) {
            if (request[at + i] != PLACEHOLDER[i]) {
                return false;
            }
        }
        return true;
    }

    String describe() {
        int sent = plan.isEmpty() ? 0 : plan.get(plan.size() - 1).end();
        long paused = plan.stream().mapToLong(Piece::pauseMillis).sum();
        return kind + " request, mutations " + mutations + ", " + sent + " of " + request.length + " bytes in "
                + plan.size() + " writes over " + paused + " ms" + (untilClosed ? ", then must be closed" : "")
                + ":\n  " + FrameMutator.escape(request);
    }
}
