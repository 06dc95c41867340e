package dev.switchboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One raw HTTP/1.1 request to the fuzz hub, in parts the HTTP mutators bend (request line, header lines, body
 * as sent, framing included), and the valid request of each kind a SignalR client makes. Text maps to bytes
 * as ISO-8859-1, so that a mutator can put any byte anywhere; {@link #TOKEN} stands for the connection token,
 * which the run fills in.
 */
final class HttpFuzzRequest {

    /** Which request of the protocol it is. */
    enum Kind { NEGOTIATE, POST, POLL, EVENTS, UPGRADE }

    static final String TOKEN = "{token}";
    static final String PATH = "/fuzz";
    static final String CONTENT_LENGTH = "Content-Length";
    private static final String BODY = "{\"protocol\":\"json\",\"version\":1}\u001e"
            + FrameMutator.invocation("1", "add", "[1,2]");

    final Kind kind;
    String prefix = "";
    String method;
    String separator = " ";
    String target;
    String version = "HTTP/1.1";
    String lineEnd = "\r\n";
    final List<String> headers = new ArrayList<>();
    /** The body as sent, chunked coding included when a mutator chose it. */
    byte[] body;

    private HttpFuzzRequest(Kind kind, String method, String target, String body) {
        this.kind = kind;
        this.method = method;
        this.target = target;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        headers.add("Host: localhost");
    }

    /** The request a SignalR client makes, valid and whole. */
    static HttpFuzzRequest template(Kind kind) {
        HttpFuzzRequest request = switch (kind) {
            case NEGOTIATE -> new HttpFuzzRequest(kind, "POST", PATH + "/negotiate?negotiateVersion=1", "");
            case POST -> new HttpFuzzRequest(kind, "POST", PATH + "?id=" + TOKEN, BODY);
            case POLL -> new HttpFuzzRequest(kind, "GET", PATH + "?id=" + TOKEN + "&_=1", "");
            case EVENTS -> new HttpFuzzRequest(kind, "GET", PATH + "?id=" + TOKEN, "");
            case UPGRADE -> new HttpFuzzRequest(kind, "GET", PATH, "");
        };
        switch (kind) {
            case NEGOTIATE, POST -> {
                request.headers.add("X-Requested-With: XMLHttpRequest");
                request.headers.add("Content-Type: text/plain;charset=UTF-8");
                request.headers.add(CONTENT_LENGTH + ": " + request.body.length);
            }
            case POLL -> request.headers.add("Accept: */*");
            case EVENTS -> {
                request.headers.add("Accept: text/event-stream");
                request.headers.add("Cache-Control: no-cache");
            }
            case UPGRADE -> {
                request.headers.add("Upgrade: websocket");
                request.headers.add("Connection: Upgrade");
                request.headers.add("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
                request.headers.add("Sec-WebSocket-Version: 13");
            }
        }
        return request;
    }

    /**
     * The body of a POST, before any framing: the handshake and one call. Mutators give it to the other kinds
     * too, as a GET or a negotiate with a body is misuse as well.
     */
    static byte[] plainBody() {
        return BODY.getBytes(StandardCharsets.UTF_8);
    }

    /** Removes every header of this name; returns how many there were. */
    int removeHeader(String name) {
        int before = headers.size();
        headers.removeIf(line -> line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"));
        return before - headers.size();
    }

    /** {@code body} chunked: pieces of up to {@code size} bytes, a last chunk and no trailer. */
    static byte[] chunked(byte[] body, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int from = 0; from < body.length; from += size) {
            int length = Math.min(size, body.length - from);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, from, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    byte[] head() {
        StringBuilder head = new StringBuilder(prefix).append(method).append(separator).append(target)
                .append(version.isEmpty() ? "" : separator + version).append(lineEnd);
        for (String header : headers) {
            head.append(header).append(lineEnd);
        }
        return head.append(lineEnd).toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head());
        out.writeBytes(body);
        return out.toByteArray();
    }
}
