package dev.switchboard.testing;

import dev.switchboard.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 request over a socket of its own, every header as given (Host and Origin included, which the JDK's
 * clients set themselves or restrict), and its answer's head: status, reason, headers, and a body when it has a
 * length. Upgrades and event streams are read no further than their head.
 */
public final class RawRequest {

    /** An answer's head; header names in lower case, each with its last value. */
    public record Answer(int status, String reason, Map<String, String> headers, String body) {

        /** The last value of header {@code name}, any case, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawRequest() {
    }

    /** Sends {@code method path} to localhost:{@code port} with these header lines, such as {@code "Origin: x"}. */
    public static Answer send(int port, String method, String path, String... headers) throws IOException {
        return send(port, method, path, method.equals("POST") ? "" : null, headers);
    }

    /** Posts {@code body}, as UTF-8 text. */
    public static Answer post(int port, String path, String body, String... headers) throws IOException {
        return send(port, "POST", path, body, headers);
    }

    /** Posts {@code body} to 127.0.0.1 from a socket bound to {@code local}, such as another IPv4 loopback address. */
    public static Answer postFrom(InetAddress local, int port, String path, String body, String... headers)
            throws IOException {
        return send(local, port, "POST", path, body, headers);
    }

    private static Answer send(int port, String method, String path, String body, String... headers)
            throws IOException {
        return send(null, port, method, path, body, headers);
    }

    private static Answer send(InetAddress local, int port, String method, String path, String body,
                               String... headers) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        boolean hasHost = false;
        for (String header : headers) {
            head.append(header).append("\r\n");
            hasHost |= header.regionMatches(true, 0, "Host:", 0, 5);
        }
        if (!hasHost) {
            head.append("Host: localhost:").append(port).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            InetSocketAddress server = local == null ? new InetSocketAddress("localhost", port)
                    : new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
            socket.connect(server, (int) Await.TIMEOUT.toMillis());
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            return read(socket.getInputStream());
        }
    }

    /** Reads one answer: its head, and its body when it has a length. */
    public static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        String length = headers.get("content-length");
        String body = length == null ? "" : new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("The answer ended in its head: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
