package dev.switchboard;

import dev.switchboard.HttpFuzzRequest.Kind;
import dev.switchboard.HttpMutant.Piece;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Requests that leave the server waiting: heads and bodies that trickle and stop, or trickle to their end
 * slower than the server's limits allow, bodies shorter than they declare, chunked bodies with no end, an
 * answered connection left idle, a connection that never sends a byte, and heads whose lines hold a bare CR
 * (RFC 9112 §2.2 lets a server reject them; one that waits for an LF waits for ever). Only the server's timeouts end
 * these (for the fuzz server: the head within 2 s, bodies at 240 B/s after 1 s, keep-alive 3 s). Each trickles
 * for at most about four seconds. Everything it chooses comes from the {@link Random} it is given, so a seed
 * replays the same mutants.
 */
final class HttpTimingMutator {

    private static final long MAX_TRICKLE_MILLIS = 4_000;
    private static final Kind[] KEEP_ALIVE_KINDS = {Kind.NEGOTIATE, Kind.POST, Kind.POLL};

    private final Random random;

    HttpTimingMutator(Random random) {
        this.random = random;
    }

    HttpMutant next() {
        switch (random.nextInt(10)) {
            case 0 -> {
                HttpFuzzRequest request = anyKind();
                byte[] bytes = request.bytes();
                int cut = 1 + random.nextInt(request.head().length - 1);
                long budget = 1_000 + random.nextInt(3_000);
                return mutant(request, "head trickles, then stops", trickle(bytes, 0, cut, 8, 100, 400, budget));
            }
            case 1 -> {
                HttpFuzzRequest request = anyKind();
                byte[] bytes = request.bytes();
                int head = request.head().length;
                List<Piece> plan = new ArrayList<>();
                int pieces = 12;
                for (int i = 1; i <= pieces; i++) {
                    plan.add(new Piece(head * i / pieces, 250 + random.nextInt(80)));
                }
                plan.add(new Piece(bytes.length, 0));
                return completes(request, "head trickles whole over 3 s or more", plan);
            }
            case 2 -> {
                HttpFuzzRequest request = anyKind();
                int cut = 1 + random.nextInt(request.head().length - 1);
                return mutant(request, "head stops after " + cut + " bytes", List.of(new Piece(cut, 0)));
            }
            case 3 -> {
                HttpFuzzRequest request = HttpFuzzRequest.template(Kind.POST);
                byte[] bytes = request.bytes();
                int head = request.head().length;
                List<Piece> plan = trickle(bytes, head, bytes.length - 1, 8, 200, 500,
                        1_500 + random.nextInt(2_000));
                return mutant(request, "body trickles, then stops", plan);
            }
            case 4 -> {
                HttpFuzzRequest request = HttpFuzzRequest.template(Kind.POST);
                int head = request.head().length;
                List<Piece> plan = new ArrayList<>(List.of(new Piece(head, 0)));
                int pieces = 16;
                for (int i = 1; i <= pieces; i++) {
                    plan.add(new Piece(head + request.body.length * i / pieces, 200));
                }
                return completes(request, "body of " + request.body.length + " bytes trickles whole over 3.2 s",
                        plan);
            }
            case 5 -> {
                HttpFuzzRequest request = HttpFuzzRequest.template(random.nextBoolean() ? Kind.POST : Kind.NEGOTIATE);
                long[] more = {1, 1 + random.nextInt(1000), 10_000_000};
                long declared = request.body.length + more[random.nextInt(more.length)];
                request.removeHeader(HttpFuzzRequest.CONTENT_LENGTH);
                request.headers.add(HttpFuzzRequest.CONTENT_LENGTH + ": " + declared);
                byte[] bytes = request.bytes();
                return mutant(request, "Content-Length " + declared + " of " + request.body.length + " bytes sent",
                        HttpMutant.whole(bytes));
            }
            case 6 -> {
                return chunkedWithoutEnd();
            }
            case 7 -> {
                HttpFuzzRequest request = HttpFuzzRequest.template(KEEP_ALIVE_KINDS[random.nextInt(3)]);
                byte[] bytes = request.bytes();
                return mutant(request, "answered, then idle", HttpMutant.whole(bytes));
            }
            case 8 -> {
                HttpFuzzRequest request = anyKind();
                String[] ends = {"\r", "\r\r\n", "\r\n\r", "\n\r"};
                request.lineEnd = ends[random.nextInt(ends.length)];
                return mutant(request, "lines ending in " + FrameMutator.escape(request.lineEnd.getBytes(
                        StandardCharsets.ISO_8859_1)), HttpMutant.whole(request.bytes()));
            }
            default -> {
                HttpFuzzRequest request = anyKind();
                return mutant(request, "connects and sends nothing", List.of());
            }
        }
    }

    private HttpMutant chunkedWithoutEnd() {
        HttpFuzzRequest request = HttpFuzzRequest.template(Kind.POST);
        request.removeHeader(HttpFuzzRequest.CONTENT_LENGTH);
        request.headers.add("Transfer-Encoding: chunked");
        String plain = new String(HttpFuzzRequest.plainBody(), StandardCharsets.ISO_8859_1);
        String chunks = new String(HttpFuzzRequest.chunked(HttpFuzzRequest.plainBody(), 16),
                StandardCharsets.ISO_8859_1);
        String name;
        switch (random.nextInt(3)) {
            case 0 -> {
                request.body = chunks.substring(0, chunks.length() - "0\r\n\r\n".length())
                        .getBytes(StandardCharsets.ISO_8859_1);
                name = "chunked body without its last chunk";
            }
            case 1 -> {
                request.body = ("1000\r\n" + plain + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                name = "chunk of 4096 bytes declared, " + plain.length() + " sent";
            }
            default -> {
                request.body = ("7fffffff\r\n" + plain).getBytes(StandardCharsets.ISO_8859_1);
                name = "chunk of 2 GB declared, " + plain.length() + " sent";
            }
        }
        byte[] bytes = request.bytes();
        return mutant(request, name, HttpMutant.whole(bytes));
    }

    private HttpFuzzRequest anyKind() {
        return HttpFuzzRequest.template(Kind.values()[random.nextInt(Kind.values().length)]);
    }

    /**
     * Bytes before {@code from} at once, then pieces of 1 to {@code maxPiece} bytes, each after a pause of
     * {@code minPause} to {@code maxPause} ms, up to {@code to} or until {@code budget} ms of pauses are spent.
     */
    private List<Piece> trickle(byte[] bytes, int from, int to, int maxPiece, long minPause, long maxPause,
                                long budget) {
        List<Piece> plan = new ArrayList<>();
        if (from > 0) {
            plan.add(new Piece(from, 0));
        }
        long spent = 0;
        budget = Math.min(budget, MAX_TRICKLE_MILLIS);
        for (int at = from; at < Math.min(to, bytes.length) && spent < budget; ) {
            long pause = minPause + (maxPause > minPause ? random.nextInt((int) (maxPause - minPause)) : 0);
            at = Math.min(to, at + 1 + random.nextInt(maxPiece));
            plan.add(new Piece(at, pause));
            spent += pause;
        }
        return plan;
    }

    /**
     * A request that stops short, or an answered connection left idle: the server must close it, answered or
     * not, as one it holds is what an attacker with many sockets wants.
     */
    private static HttpMutant mutant(HttpFuzzRequest request, String name, List<Piece> plan) {
        return new HttpMutant(request.kind, List.of(name), request.bytes(), plan, true);
    }

    /** A request sent whole, however slowly: answered (or refused for its slowness) is enough. */
    private static HttpMutant completes(HttpFuzzRequest request, String name, List<Piece> plan) {
        return new HttpMutant(request.kind, List.of(name), request.bytes(), plan, false);
    }
}
