package dev.switchboard;

import dev.switchboard.HttpFuzzRequest.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutates the raw HTTP requests of the protocol (negotiate, long-polling POST and GET, event stream, WebSocket
 * upgrade): request line, header names and values, Host, header sizes, Content-Length and Transfer-Encoding
 * together and apart, unknown codings, chunked bodies with bad sizes, extensions and trailers, line endings,
 * bad percent-encoding in paths and queries. Each request is sent whole and at once; how it could leave the
 * server waiting for more is {@link HttpTimingMutator}'s part. Everything it chooses comes from the
 * {@link Random} it is given, so a seed replays the same mutants.
 */
final class HttpRequestMutator {

    private static final String[] METHODS = {"get", "post", "FOO", "", "G\u0000T", "POST".repeat(3000), "OPTIONS",
        "HEAD", "TRACE", "CONNECT", "PUT", "PATCH", "DELETE", "GET /fuzz HTTP/1.1\r\nX:"};
    private static final String[] BAD_PERCENT = {"%", "%z", "%zz", "%0", "%00", "%ff", "%c0%af", "%2e%2e%2f", "%252e",
        "%%", "%u002e", "%e2%80%ae", "%0d%0a", "%2F", "%3f", "%23"};
    private static final String[] TARGETS = {"*", "", "//fuzz", "/fuzz/../fuzz", "/../fuzz", "/..%2f..%2fetc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2f", "/..\\..\\", "/fuzz?id=", "/fuzz?id", "/fuzz?=x",
        "/fuzz?&&&", "/fuzz%3fid=x", "/fuzz/negotiate/", "/fuzz/negotiate?negotiateVersion=99999999999",
        "/fuzz?id=%zz", "/\u00e9\u00ff", "/fu zz", "/fuzz\u0000"};
    private static final String[] VERSIONS = {"HTTP/1.0", "HTTP/1.2", "HTTP/2.0", "HTTP/0.9", "", "http/1.1",
        "HTTP/1.1x", "HTTP/01.1", "HTTP/1", "HTTP/1.1 extra", "HTTP/9.9", "HTTP/-1.1", "HTTP/1.1\u0000"};
    private static final String[] HOSTS = {"", "a b", "@evil", "localhost:99999", "[::1", "localhost\u0000",
        "x".repeat(10_000), "localhost:-1", "\u00e9"};
    private static final String[] BAD_LINES = {"Bad Header: x", "X-Fuzz : x", "NoColon", ": empty-name",
        " folded continuation", "\tfolded", "X-Fuzz: a\u0000b", "X-Fuzz: a\rb", "X-Fuzz: \u007f", "X-Fuzz: \u00e9\u00ff",
        "X(y): z", "X-Fuzz:", "X-Fuzz:\t\t", "\u00ffname: v"};
    private static final String[] ODD_HEADERS = {"Content-Type: text/plain", "Content-Type: garbage/;;;=",
        "Connection: close", "Connection: keep-alive, Upgrade", "Connection: \u0001", "Upgrade: h2c",
        "Upgrade: websocket", "Upgrade: garbage", "Expect: 100-continue", "Expect: garbage",
        "Accept: text/event-stream", "Origin: http://evil", "Origin: null", "Authorization: Bearer garbage",
        "Accept-Encoding: gzip", "Sec-WebSocket-Version: 8", "Sec-WebSocket-Key: short", "Content-Encoding: gzip",
        "X-HTTP-Method-Override: DELETE", "Content-Type: text/event-stream"};
    private static final String[] CODINGS = {"xchunked", "gzip", "gzip, chunked", "chunked, gzip", "chunked, chunked",
        "identity", "Chunked", " chunked", "chunked;q=1", "\tchunked", "chunked\u0000", "chunked,", ",chunked"};
    private static final String[] BAD_SIZES = {"zz", "-1", "", "0x5", "5 ", " 5", "+5", "5\u0000",
        "1" + "0".repeat(16), "f".repeat(17), "00000000000000000000005", "5;", "5;a=b", "5 ;a", "5;" + "x".repeat(100_000)};


    private final Random random;

    HttpRequestMutator(Random random) {
        this.random = random;
    }

    /** A valid request of a random kind with one to three mutations, sent whole. */
    HttpMutant next() {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        HttpFuzzRequest request = HttpFuzzRequest.template(kind);
        List<String> applied = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            applied.add(mutate(request));
        }
        byte[] bytes = request.bytes();
        return new HttpMutant(kind, applied, bytes, HttpMutant.whole(bytes), false);
    }

    private String mutate(HttpFuzzRequest request) {
        switch (random.nextInt(14)) {
            case 0 -> {
                request.method = pick(METHODS);
                return "method " + shorten(request.method);
            }
            case 1 -> {
                String bad = pick(BAD_PERCENT);
                int at = random.nextInt(request.target.length() + 1);
                request.target = request.target.substring(0, at) + bad + request.target.substring(at);
                return "target with " + bad + " at " + at;
            }
            case 2 -> {
                return target(request);
            }
            case 3 -> {
                request.version = pick(VERSIONS);
                return "version '" + request.version + "'";
            }
            case 4 -> {
                String[] separators = {"  ", "\t", " \t ", ""};
                String[] prefixes = {"\r\n", "\r\n\r\n\r\n", " ", "\n"};
                if (random.nextBoolean()) {
                    request.separator = pick(separators);
                    return "request line separated by '" + request.separator + "'";
                }
                request.prefix = pick(prefixes);
                return "request line after '" + request.prefix + "'";
            }
            case 5 -> {
                return host(request);
            }
            case 6 -> {
                String line = pick(BAD_LINES);
                request.headers.add(random.nextInt(request.headers.size() + 1), line);
                return "header line '" + line.substring(0, Math.min(line.length(), 30)) + "'";
            }
            case 7 -> {
                return headerSize(request);
            }
            case 8 -> {
                String header = pick(ODD_HEADERS);
                request.headers.add(random.nextInt(request.headers.size() + 1), header);
                return "header " + header;
            }
            case 9 -> {
                return lengths(request);
            }
            case 10 -> {
                String coding = pick(CODINGS);
                request.removeHeader(HttpFuzzRequest.CONTENT_LENGTH);
                byte[] plain = HttpFuzzRequest.plainBody();
                boolean chunked = coding.strip().toLowerCase().endsWith("chunked");
                request.body = chunked ? HttpFuzzRequest.chunked(plain, 1 + random.nextInt(64)) : plain;
                if (random.nextBoolean()) {
                    request.headers.add("Transfer-Encoding: " + coding);
                    return "Transfer-Encoding '" + coding + "'";
                }
                request.headers.add("Transfer-Encoding: gzip");
                request.headers.add("Transfer-Encoding: chunked");
                request.body = HttpFuzzRequest.chunked(plain, 1 + random.nextInt(64));
                return "Transfer-Encoding gzip, then chunked, in two headers";
            }
            case 11 -> {
                return chunkedBody(request);
            }
            case 12 -> {
                // A bare CR is HttpTimingMutator's: to a parser that waits for its LF, that head never ends.
                request.lineEnd = "\n";
                return "lines ending in a bare LF";
            }
            default -> {
                int at = random.nextInt(request.method.length() + 1);
                char inserted = (char) random.nextInt(256);
                request.method = request.method.substring(0, at) + inserted + request.method.substring(at);
                return String.format("byte \\x%02x in the method", (int) inserted);
            }
        }
    }

    private String target(HttpFuzzRequest request) {
        switch (random.nextInt(5)) {
            case 0 -> {
                request.target = pick(TARGETS);
                return "target '" + shorten(request.target) + "'";
            }
            case 1 -> {
                request.target = "http://localhost" + request.target;
                return "absolute target";
            }
            case 2 -> {
                request.target = request.target + (random.nextBoolean() ? "&id=other" : "&id=" + HttpFuzzRequest.TOKEN);
                return "second id";
            }
            case 3 -> {
                request.target = request.target + "#fragment";
                return "target with a fragment";
            }
            default -> {
                int length = 1024 + random.nextInt(random.nextBoolean() ? 8 * 1024 : 200 * 1024);
                request.target = request.target + "&x=" + "a".repeat(length);
                return "target of " + length + " more bytes";
            }
        }
    }

    private String host(HttpFuzzRequest request) {
        switch (random.nextInt(5)) {
            case 0 -> {
                request.headers.add("Host: localhost");
                return "Host twice, the same";
            }
            case 1 -> {
                request.headers.add("Host: evil.example");
                return "Host twice, different";
            }
            case 2 -> {
                request.removeHeader("Host");
                return "no Host";
            }
            case 3 -> {
                request.removeHeader("Host");
                request.headers.add(0, random.nextBoolean() ? "host:localhost" : "HOST:   localhost   ");
                return "Host spelled oddly";
            }
            default -> {
                String host = pick(HOSTS);
                request.removeHeader("Host");
                request.headers.add(0, "Host: " + host);
                return "Host '" + shorten(host) + "'";
            }
        }
    }

    private String headerSize(HttpFuzzRequest request) {
        switch (random.nextInt(3)) {
            case 0 -> {
                int[] sizes = {9 * 1024, 64 * 1024, 1 << 20};
                int size = sizes[random.nextInt(sizes.length)];
                request.headers.add("X-Big: " + "v".repeat(size));
                return "header value of " + size + " bytes";
            }
            case 1 -> {
                int[] counts = {100, 2_000, 20_000};
                int count = counts[random.nextInt(counts.length)];
                for (int i = 0; i < count; i++) {
                    request.headers.add("X-Many-" + i + ": " + i);
                }
                return count + " headers";
            }
            default -> {
                request.headers.add("X-" + "n".repeat(10_000) + ": v");
                return "header name of 10 KB";
            }
        }
    }

    /** Content-Length lying, repeated, malformed, or next to Transfer-Encoding; never more than is sent. */
    private String lengths(HttpFuzzRequest request) {
        byte[] plain = HttpFuzzRequest.plainBody();
        int length = plain.length;
        request.removeHeader(HttpFuzzRequest.CONTENT_LENGTH);
        request.body = plain;
        String cl = HttpFuzzRequest.CONTENT_LENGTH + ": ";
        switch (random.nextInt(7)) {
            case 0 -> {
                request.body = HttpFuzzRequest.chunked(plain, 1 + random.nextInt(64));
                int[] declared = {request.body.length, length, 0, 5};
                int value = declared[random.nextInt(declared.length)];
                request.headers.add(cl + value);
                request.headers.add(random.nextInt(request.headers.size() + 1), "Transfer-Encoding: chunked");
                return "Content-Length " + value + " and Transfer-Encoding chunked";
            }
            case 1 -> {
                int smaller = random.nextInt(length);
                request.headers.add(cl + length);
                request.headers.add(cl + smaller);
                return "Content-Length " + length + ", then " + smaller;
            }
            case 2 -> {
                request.headers.add(cl + length);
                request.headers.add(random.nextBoolean() ? cl + length : cl + length + ", " + length);
                return "Content-Length repeated";
            }
            case 3 -> {
                String[] values = {"+" + length, "-1", "0x" + Integer.toHexString(length), " " + length + " ", "",
                    "99999999999999999999", length + "\u0000", "1e2", length + " " + length, "\u00b9"};
                String value = values[random.nextInt(values.length)];
                request.headers.add(cl + value);
                return "Content-Length '" + value + "'";
            }
            case 4 -> {
                int shorter = random.nextInt(length);
                request.headers.add(cl + shorter);
                return "Content-Length " + shorter + " of " + length + " bytes";
            }
            case 5 -> {
                request.version = "HTTP/1.0";
                request.headers.add("Transfer-Encoding: chunked");
                request.body = HttpFuzzRequest.chunked(plain, 1 + random.nextInt(64));
                return "Transfer-Encoding chunked in HTTP/1.0";
            }
            default -> {
                request.headers.add("Transfer-Encoding: chunked");
                request.body = HttpFuzzRequest.chunked(plain, 1 + random.nextInt(64));
                return "chunked";
            }
        }
    }

    /** A chunked body whose first chunk's size line, data ending or trailer is bad. */
    private String chunkedBody(HttpFuzzRequest request) {
        byte[] plain = HttpFuzzRequest.plainBody();
        request.removeHeader(HttpFuzzRequest.CONTENT_LENGTH);
        request.headers.add("Transfer-Encoding: chunked");
        int size = Math.min(plain.length, 5);
        String rest = new String(HttpFuzzRequest.chunked(Arrays.copyOfRange(plain, size, plain.length), 64),
                StandardCharsets.ISO_8859_1);
        String first = new String(plain, 0, size, StandardCharsets.ISO_8859_1);
        String name;
        String body;
        switch (random.nextInt(4)) {
            case 0 -> {
                String line = pick(BAD_SIZES);
                body = line + "\r\n" + first + "\r\n" + rest;
                name = "chunk size '" + shorten(line) + "'";
            }
            case 1 -> {
                int smaller = random.nextInt(size);
                body = Integer.toHexString(smaller) + "\r\n" + first + "\r\n" + rest;
                name = "chunk size " + smaller + " of " + size + " bytes";
            }
            case 2 -> {
                String[] endings = {"\n", "", "X\r\n", "\r"};
                String ending = pick(endings);
                body = Integer.toHexString(size) + "\r\n" + first + ending + rest;
                name = "chunk data ending in " + FrameMutator.escape(ending.getBytes(StandardCharsets.ISO_8859_1));
            }
            default -> {
                String[] trailers = {"X-T: v\r\n", "\u0001\u0002\r\n", "X-T: " + "t".repeat(100_000) + "\r\n",
                    "X-T: v\r\n".repeat(1000), "Content-Length: 5\r\n", "NoColon\r\n"};
                String trailer = pick(trailers);
                String chunks = new String(HttpFuzzRequest.chunked(plain, 64), StandardCharsets.ISO_8859_1);
                body = chunks.substring(0, chunks.length() - 2) + trailer + "\r\n";
                name = "trailer '" + shorten(trailer) + "'";
            }
        }
        request.body = body.getBytes(StandardCharsets.ISO_8859_1);
        return name;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** At most 40 characters of {@code text}, escaped, for a mutation's name. */
    static String shorten(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        String start = FrameMutator.escape(Arrays.copyOf(bytes, Math.min(bytes.length, 40)));
        return bytes.length > 40 ? start + "... (" + bytes.length + " bytes)" : start;
    }
}
