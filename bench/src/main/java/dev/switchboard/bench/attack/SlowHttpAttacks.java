package dev.switchboard.bench.attack;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sockets that hold the server with nothing, or with requests that never finish. */
final class SlowHttpAttacks {

    private static final Pattern TOKEN = Pattern.compile("\"connectionToken\":\"([^\"]+)\"");
    private static final int SOCKETS = 300;
    private static final int BODIES = 100;

    private SlowHttpAttacks() {
    }

    static List<Attack> all() {
        return List.of(
                new Attack("idle", SOCKETS + " idle TCP connections",
                        (target, peak) -> hold(target, peak, SOCKETS, port -> "", "", 130)),
                new Attack("slowloris", SOCKETS + " request heads sent a byte every 2 s (slowloris)",
                        (target, peak) -> hold(target, peak, SOCKETS,
                                port -> "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n", "X-Slow: loris\r\n", 66)),
                new Attack("upgrade-head", SOCKETS + " WebSocket upgrade heads never finished",
                        (target, peak) -> hold(target, peak, SOCKETS,
                                port -> "GET /chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n", "", 66)),
                new Attack("negotiate-body", BODIES + " negotiates declaring 10,000,000 bytes and sending none",
                        (target, peak) -> hold(target, peak, BODIES,
                                port -> "POST /chat/negotiate?negotiateVersion=1 HTTP/1.1\r\nHost: 127.0.0.1:" + port
                                        + "\r\nContent-Length: 10000000\r\n\r\n", "", 66)),
                new Attack("poll-body", BODIES + " long-polling POSTs declaring 1 MB and sending 100 bytes",
                        (target, peak) -> hold(target, peak, BODIES, SlowHttpAttacks::stalledSend, "", 66)));
    }

    /** The start of a request, per socket; a socket that needs a request first (negotiate) makes it here. */
    @FunctionalInterface
    private interface Opening {
        String head(int port) throws IOException;
    }

    /**
     * Opens {@code count} sockets that each send their opening, then {@code trickle} a byte every 2 s, and waits
     * until the server closes each or {@code boundSeconds} pass.
     */
    private static String hold(Target target, Attack.Peak peak, int count, Opening opening, String trickle,
                               int boundSeconds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CountDownLatch opened = new CountDownLatch(count);
        long start = System.nanoTime();
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                outcomes.add(threads.submit(() -> {
                    String head;
                    try {
                        head = opening.head(target.port);
                    } catch (IOException e) {
                        opened.countDown();
                        throw e;
                    }
                    try (Wire wire = new Wire(target.port)) {
                        wire.write(head);
                        opened.countDown();
                        return awaitClose(wire, trickle, start, boundSeconds);
                    }
                }));
            }
            opened.await(60, TimeUnit.SECONDS);
            peak.reached();
            List<String> answers = new ArrayList<>();
            double latest = 0;
            int closed = 0;
            for (Future<String> outcome : outcomes) {
                String answer = outcome.get(boundSeconds + 60L, TimeUnit.SECONDS);
                if (answer.startsWith("closed")) {
                    closed++;
                    latest = Math.max(latest, Double.parseDouble(answer.split(" ")[2]));
                }
                if (!answers.contains(answer.replaceAll(" at [0-9.]+ s", ""))) {
                    answers.add(answer.replaceAll(" at [0-9.]+ s", ""));
                }
            }
            return closed == 0 ? "none of " + count + " closed after " + boundSeconds + " s"
                    : closed + " of " + count + " closed, the last at " + String.format("%.1f", latest) + " s: "
                    + String.join("; ", answers);
        } finally {
            threads.shutdownNow();
        }
    }

    /** "closed at T s with STATUS", or "held" when the bound passes first. */
    private static String awaitClose(Wire wire, String trickle, long start, int boundSeconds) throws IOException {
        long deadline = start + TimeUnit.SECONDS.toNanos(boundSeconds);
        int next = 0;
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline) {
            if (!trickle.isEmpty()) {
                try {
                    wire.write(String.valueOf(trickle.charAt(next++ % trickle.length())));
                } catch (IOException e) {
                    return closedAt(start, received);
                }
            }
            wire.socket.setSoTimeout(trickle.isEmpty() ? 1000 : 2000);
            try {
                int n = wire.socket.getInputStream().read(buffer);
                if (n < 0) {
                    return closedAt(start, received);
                }
                received.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (SocketTimeoutException e) {
                // Nothing yet: trickle on.
            } catch (IOException e) {
                return closedAt(start, received);
            }
        }
        return "held";
    }

    private static String closedAt(long start, CharSequence received) {
        String status = received.length() == 0 ? "no answer" : received.toString().lines().findFirst().orElse("");
        return "closed at " + String.format("%.1f", (System.nanoTime() - start) / 1e9) + " s with " + status;
    }

    /** Negotiates, opens long polling with a first poll, then starts a send of 1 MB with its first 100 bytes. */
    private static String stalledSend(int port) throws IOException {
        String token;
        try (Wire negotiate = new Wire(port)) {
            negotiate.write("POST /chat/negotiate?negotiateVersion=1 HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            String answer = negotiate.readToEnd(10_000).text();
            Matcher matcher = TOKEN.matcher(answer);
            if (!matcher.find()) {
                throw new IOException("Negotiate failed: " + answer);
            }
            token = matcher.group(1);
        }
        try (Wire poll = new Wire(port)) {
            poll.write("GET /chat?id=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n");
            poll.readToEnd(10_000);
        }
        return "POST /chat?id=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: text/plain\r\nContent-Length: 1048576\r\n\r\n" + "x".repeat(100);
    }
}
