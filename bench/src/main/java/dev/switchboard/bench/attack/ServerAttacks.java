package dev.switchboard.bench.attack;

import dev.switchboard.bench.run.CpuTime;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Attacks on the server as a whole: on its connection cap and its file descriptors, on HTTP framing and paths,
 * and on its log.
 */
final class ServerAttacks {

    private static final int CAP = 50;
    private static final int FILE_LIMIT = 256;
    private static final String NEGOTIATE = "POST /chat/negotiate?negotiateVersion=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n";

    private ServerAttacks() {
    }

    static List<Attack> all() {
        return List.of(
                new Attack("negotiate-cap", CAP + " negotiates, then 3 a second, against --max-connections " + CAP,
                        List.of("--max-connections", Integer.toString(CAP)), 0, ServerAttacks::negotiateFlood),
                new Attack("descriptors", "400 sockets held against ulimit -n " + FILE_LIMIT + " for 10 s",
                        List.of(), FILE_LIMIT, ServerAttacks::descriptors),
                new Attack("smuggling", "Content-Length and Transfer-Encoding together, a request in the body",
                        (target, peak) -> exchange(target, peak, "POST /chat/negotiate?negotiateVersion=1 HTTP/1.1\r\n"
                                + "Host: 127.0.0.1\r\nContent-Length: 60\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "0\r\n\r\nGET /switchboard/switchboard.min.js HTTP/1.1\r\nHost: x\r\n\r\n")),
                new Attack("xchunked", "Transfer-Encoding: xchunked",
                        (target, peak) -> exchange(target, peak, "POST /chat/negotiate?negotiateVersion=1 HTTP/1.1\r\n"
                                + "Host: 127.0.0.1\r\nTransfer-Encoding: xchunked\r\nConnection: close\r\n\r\n"
                                + "0\r\n\r\n")),
                new Attack("traversal", "GET /..%2f..%2fetc%2fpasswd and GET /%2e%2e/%2e%2e/etc/passwd",
                        (target, peak) -> exchange(target, peak,
                                "GET /..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                                + ", " + exchange(target, () -> { },
                                "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")),
                new Attack("nickname", "Nicknames with a newline and ANSI escapes", ServerAttacks::nicknames));
    }

    /** The status lines the server answers {@code request} with, and whether it closed the socket. */
    private static String exchange(Target target, Attack.Peak peak, String request) throws Exception {
        try (Wire wire = new Wire(target.port)) {
            wire.write(request);
            peak.reached();
            Wire.Answer answer = wire.readToEnd(5_000);
            List<String> statuses = answer.text().lines().filter(line -> line.startsWith("HTTP/1.1 ")).toList();
            return (statuses.isEmpty() ? "no answer" : String.join(" + ", statuses))
                    + (answer.closed() ? " (socket closed)" : " (socket kept open)");
        }
    }

    private static String negotiateFlood(Target target, Attack.Peak peak) throws Exception {
        for (int i = 0; i < CAP; i++) {
            status(target, NEGOTIATE);
        }
        peak.reached();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        String first = status(target, NEGOTIATE);
        int attempts = 1;
        while (System.nanoTime() < deadline) {
            // The attacker goes on at about 3 negotiates a second; a user tries between them.
            for (int i = 0; i < 3; i++) {
                status(target, NEGOTIATE);
            }
            if (status(target, NEGOTIATE).startsWith("HTTP/1.1 200")) {
                return "a user's negotiate first got " + first + "; a user got in after "
                        + String.format("%.1f", (System.nanoTime() - start) / 1e9) + " s (" + attempts + " tries)";
            }
            attempts++;
            TimeUnit.MILLISECONDS.sleep(1000);
        }
        return "a user's negotiate got " + first + " and never got in within 30 s";
    }

    private static String descriptors(Target target, Attack.Peak peak) throws Exception {
        int linesBefore = target.logLines().size();
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                try {
                    held.add(new Socket("127.0.0.1", target.port));
                } catch (IOException e) {
                    break;
                }
            }
            long cpuBefore = CpuTime.of(target.pid()).totalNanos();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(10);
            double cpuShare = (CpuTime.of(target.pid()).totalNanos() - cpuBefore) / (double) (System.nanoTime() - start);
            peak.reached();
            for (Socket socket : held) {
                socket.close();
            }
            long closed = System.nanoTime();
            String recovered = "never let a user in within 60 s";
            while (System.nanoTime() - closed < TimeUnit.SECONDS.toNanos(60)) {
                if (status(target, NEGOTIATE).startsWith("HTTP/1.1 200")) {
                    recovered = "let a user in " + String.format("%.1f", (System.nanoTime() - closed) / 1e9)
                            + " s after the attacker left";
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
            int lines = target.logLines().size() - linesBefore;
            return held.size() + " sockets connected; server CPU " + Math.round(cpuShare * 100) + " % of a core during "
                    + "the attack, " + lines + " log lines; " + recovered;
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static String nicknames(Target target, Attack.Peak peak) throws Exception {
        String[] names = {"eve\nINFO forged line", "\u001b[31mred\u001b[0m"};
        for (String name : names) {
            try (Wire wire = new Wire(target.port)) {
                wire.openHub("/chat", target.port);
                String json = "{\"type\":1,\"invocationId\":\"1\",\"target\":\"join\",\"arguments\":[\""
                        + name.replace("\n", "\\n").replace("\u001b", "\\u001b") + "\"]}\u001e";
                wire.write(Wire.frame(Wire.TEXT, true, true, json.getBytes(StandardCharsets.UTF_8)));
                wire.readFrame(10_000);
            }
        }
        peak.reached();
        String log = Files.readString(target.log, StandardCharsets.UTF_8);
        boolean forged = log.lines().anyMatch(line -> line.startsWith("INFO forged line"));
        boolean escape = log.indexOf('\u001b') >= 0;
        return (forged ? "a forged log line" : "no forged line") + ", " + (escape ? "raw ESC in the log" : "no raw ESC");
    }

    /** The status line of one request on a socket of its own, or the failure. */
    private static String status(Target target, String request) {
        try (Wire wire = new Wire(target.port)) {
            wire.write(request);
            String head = wire.readHead(5_000);
            return head == null ? "no answer" : head.isEmpty() ? "closed" : head.lines().findFirst().orElse("");
        } catch (IOException e) {
            return "refused (" + e.getMessage() + ")";
        }
    }
}
