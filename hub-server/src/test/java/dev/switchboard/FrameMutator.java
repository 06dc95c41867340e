package dev.switchboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Mutates sessions of valid SignalR frames at random: bytes, framing at and around the record separator,
 * JSON values and text encodings. Everything it chooses comes from the {@link Random} it is given, so a
 * seed replays the same mutants.
 */
final class FrameMutator {

    /** One frame or POST body as sent, and whether a WebSocket sends it as a binary frame. */
    record Frame(byte[] bytes, boolean binary) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A mutated session and the mutations that made it, to replay or report a case. */
    record Mutant(int seed, List<String> mutations, List<Frame> frames) {
        String describe() {
            StringBuilder out = new StringBuilder("seed session " + seed + ", mutations " + mutations + ", frames:");
            for (Frame frame : frames.subList(0, Math.min(frames.size(), 20))) {
                out.append("\n  ").append(frame.binary() ? "binary " : "text   ").append(escape(frame.bytes()));
            }
            return frames.size() > 20 ? out + "\n  ... " + (frames.size() - 20) + " more" : out.toString();
        }
    }

    static final byte RS = 0x1e;
    private static final int MAX_FRAME_COPIES = Integer.getInteger("switchboard.fuzz.maxFrameCopies", 400);
    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}\u001e";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "@@fuzz@@";
    private static final byte[] INTERESTING = {RS, '{', '}', '[', ']', '"', ',', ':', '\\', '-', '0', '9', 'e', ' ',
        0, (byte) 0x80, (byte) 0xc0, (byte) 0xed, (byte) 0xf8, (byte) 0xff, '\n'};
    private static final String[] INVALID_UTF8 = {"c3", "c0af", "eda080", "f8888080", "ff", "80", "e282", "f4908080"};
    private static final String[] VALID_TEXT =
        {"é", "€", "😀", "\u2028", "\uFFFF", "\\u0000", "\\ud800", "\\\"", "\u0000"};

    /** Sessions the server accepts whole; each starts with the handshake. */
    static final List<List<String>> SEEDS = List.of(
            List.of(HANDSHAKE, invocation("1", "add", "[1,2]") + invocation("2", "echo", "[\"hé\"]"),
                    "{\"type\":6}\u001e", invocation(null, "echoNode", "[{\"a\":[1,true,null]}]")),
            List.of(HANDSHAKE + invocation("1", "echoPoint", "[{\"x\":1,\"y\":2}]")
                    + invocation("2", "echoList", "[[1,2,3]]") + invocation("3", "later", "[\"x\"]")),
            List.of(HANDSHAKE, "{\"type\":4,\"invocationId\":\"s\",\"target\":\"range\",\"arguments\":[5]}\u001e",
                    "{\"type\":5,\"invocationId\":\"s\"}\u001e"),
            List.of(HANDSHAKE, "{\"type\":1,\"invocationId\":\"u\",\"target\":\"sum\",\"arguments\":[],"
                            + "\"streamIds\":[\"7\"]}\u001e",
                    "{\"type\":2,\"invocationId\":\"7\",\"item\":1}\u001e{\"type\":2,\"invocationId\":\"7\",\"item\":2}"
                            + "\u001e", "{\"type\":3,\"invocationId\":\"7\"}\u001e"),
            List.of(HANDSHAKE, "{\"type\":4,\"invocationId\":\"v\",\"target\":\"sum\",\"arguments\":[],"
                    + "\"streamIds\":[\"8\"]}\u001e{\"type\":3,\"invocationId\":\"8\",\"error\":\"gone\"}\u001e"),
            List.of(HANDSHAKE, invocation("1", "ask", "[]"), "{\"type\":3,\"invocationId\":\"s1\",\"result\":4}\u001e"),
            List.of(HANDSHAKE, invocation("1", "fail", "[\"no\"]") + invocation("2", "missing", "[]")
                    + "{\"type\":1,\"invocationId\":\"3\",\"target\":\"add\",\"arguments\":[1],"
                    + "\"headers\":{\"h\":\"v\"}}\u001e", "{\"type\":7}\u001e"));

    private final Random random;

    FrameMutator(Random random) {
        this.random = random;
    }

    static String invocation(String id, String target, String arguments) {
        return "{\"type\":1," + (id == null ? "" : "\"invocationId\":\"" + id + "\",") + "\"target\":\"" + target
                + "\",\"arguments\":" + arguments + "}\u001e";
    }

    /** A seed session with one to four mutations applied. */
    Mutant next() {
        int seed = random.nextInt(SEEDS.size());
        List<Frame> frames = new ArrayList<>();
        for (String frame : SEEDS.get(seed)) {
            frames.add(new Frame(frame.getBytes(StandardCharsets.UTF_8), random.nextInt(4) == 0));
        }
        List<String> applied = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            applied.add(mutate(frames));
        }
        return new Mutant(seed, applied, frames);
    }

    private String mutate(List<Frame> frames) {
        int index = random.nextInt(frames.size());
        Frame frame = frames.get(index);
        byte[] bytes = frame.bytes();
        switch (random.nextInt(16)) {
            case 0 -> {
                if (bytes.length > 0) {
                    bytes = bytes.clone();
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return replace(frames, index, bytes, frame, "bit flip");
            }
            case 1 -> {
                byte inserted = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : (byte) random.nextInt(256);
                return replace(frames, index, insert(bytes, random.nextInt(bytes.length + 1), new byte[] {inserted}),
                        frame, "insert byte");
            }
            case 2 -> {
                int from = random.nextInt(bytes.length + 1);
                int to = Math.min(bytes.length, from + 1 + random.nextInt(8));
                return replace(frames, index, cut(bytes, from, to), frame, "delete bytes");
            }
            case 3 -> {
                int from = random.nextInt(bytes.length + 1);
                int to = Math.min(bytes.length, from + 1 + random.nextInt(16));
                return replace(frames, index, insert(bytes, to, Arrays.copyOfRange(bytes, from, to)), frame,
                        "duplicate bytes");
            }
            case 4 -> {
                return replace(frames, index, Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)), frame,
                        "truncate");
            }
            case 5 -> {
                int at = nearSeparator(bytes);
                frames.set(index, new Frame(Arrays.copyOf(bytes, at), frame.binary()));
                frames.add(index + 1, new Frame(Arrays.copyOfRange(bytes, at, bytes.length), random.nextBoolean()));
                return "split frame";
            }
            case 6 -> {
                if (index + 1 < frames.size()) {
                    frames.set(index, new Frame(insert(bytes, bytes.length, frames.remove(index + 1).bytes()),
                            frame.binary()));
                }
                return "join frames";
            }
            case 7 -> {
                int at = indexOf(bytes, RS, random.nextInt(bytes.length + 1));
                return replace(frames, index, at < 0 ? bytes : cut(bytes, at, at + 1), frame, "drop separator");
            }
            case 8 -> {
                return replace(frames, index, repeatRecord(bytes), frame, "repeat record");
            }
            case 9 -> {
                if (frames.size() > 1) {
                    frames.remove(index);
                }
                return "drop frame";
            }
            case 10 -> {
                return replace(frames, index, replaceValue(bytes, otherType()), frame, "swap type");
            }
            case 11 -> {
                return replace(frames, index, replaceValue(bytes, hugeNumber()), frame, "huge number");
            }
            case 12 -> {
                int depth = 1 + random.nextInt(random.nextBoolean() ? 200 : 5000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                return replace(frames, index, replaceValue(bytes, open.repeat(depth) + "1" + close.repeat(depth)),
                        frame, "deep nesting " + depth);
            }
            case 13 -> {
                String text = VALID_TEXT[random.nextInt(VALID_TEXT.length)];
                return replace(frames, index, replaceValue(bytes, "\"" + text.repeat(1 + random.nextInt(50)) + "\""),
                        frame, "random UTF-8");
            }
            case 14 -> {
                byte[] invalid = hex(INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
                int at = stringInterior(bytes);
                return replace(frames, index, insert(bytes, at, invalid), frame, "invalid UTF-8");
            }
            default -> {
                // Hundreds of copies mean hundreds of POSTs over long polling and SSE: that is how a POST left
                // unanswered under load (PostBodyReader missing onAllDataRead) was found.
                int copies = 1 + random.nextInt(random.nextBoolean() ? 3 : MAX_FRAME_COPIES);
                frames.add(index + 1, new Frame(bytes.clone(), frame.binary()));
                for (int i = 1; i < copies; i++) {
                    frames.add(index + 1, new Frame(bytes.clone(), random.nextBoolean()));
                }
                return "repeat frame x" + copies;
            }
        }
    }

    private static String replace(List<Frame> frames, int index, byte[] bytes, Frame old, String name) {
        frames.set(index, new Frame(bytes, old.binary()));
        return name;
    }

    /** A split point: at a separator, just before or after one, or anywhere. */
    private int nearSeparator(byte[] bytes) {
        int separator = indexOf(bytes, RS, random.nextInt(bytes.length + 1));
        if (separator < 0 || random.nextInt(4) == 0) {
            return random.nextInt(bytes.length + 1);
        }
        return Math.max(0, Math.min(bytes.length, separator + random.nextInt(3)));
    }

    private byte[] repeatRecord(byte[] bytes) {
        int end = indexOf(bytes, RS, random.nextInt(bytes.length + 1));
        if (end < 0) {
            return bytes;
        }
        int start = end;
        while (start > 0 && bytes[start - 1] != RS) {
            start--;
        }
        byte[] record = Arrays.copyOfRange(bytes, start, end + 1);
        int copies = 1 + random.nextInt(random.nextBoolean() ? 4 : 600);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, end + 1);
        for (int i = 0; i < copies; i++) {
            out.writeBytes(record);
        }
        out.write(bytes, end + 1, bytes.length - end - 1);
        return out.toByteArray();
    }

    /**
     * One JSON value of one record, chosen at random, replaced by {@code raw} text; a record that does not
     * parse (an earlier mutation broke it) is left as it is.
     */
    private byte[] replaceValue(byte[] bytes, String raw) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] records = text.split("\u001e", -1);
        int which = random.nextInt(records.length);
        JsonNode root;
        try {
            root = JSON.readTree(records[which]);
        } catch (IOException e) {
            return bytes;
        }
        if (!(root instanceof ContainerNode<?>)) {
            return bytes;
        }
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.set(names.get(random.nextInt(names.size())), TextNode.valueOf(MARK));
        } else if (container instanceof ArrayNode array && !array.isEmpty()) {
            array.set(random.nextInt(array.size()), TextNode.valueOf(MARK));
        } else {
            return bytes;
        }
        records[which] = root.toString().replace("\"" + MARK + "\"", raw);
        return String.join("\u001e", records).getBytes(StandardCharsets.UTF_8);
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            Iterator<JsonNode> children = node.elements();
            children.forEachRemaining(child -> collectContainers(child, into));
        }
    }

    private String otherType() {
        String[] values = {"null", "true", "false", "0", "-1", "1.5", "\"\"", "\"x\"", "[]", "{}", "[null]",
            "{\"type\":1}", "\"" + "x".repeat(40_000) + "\"", "-0", "1e3", "\"s1\"", "[\"7\",\"7\"]"};
        return values[random.nextInt(values.length)];
    }

    private String hugeNumber() {
        String[] values = {"9223372036854775808", "-9223372036854775809", "2147483648", "1e309", "-1e-400",
            "9".repeat(1 + random.nextInt(3000)), "0." + "1".repeat(2000), "1e" + "9".repeat(12), "NaN", "Infinity"};
        return values[random.nextInt(values.length)];
    }

    /** A position inside a string literal when there is one, for invalid bytes to sit where text goes. */
    private int stringInterior(byte[] bytes) {
        int quote = indexOf(bytes, (byte) '"', random.nextInt(bytes.length + 1));
        return quote < 0 ? random.nextInt(bytes.length + 1) : quote + 1;
    }

    /** The first {@code value} at or after {@code from}, wrapping around; -1 when there is none. */
    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = 0; i < bytes.length; i++) {
            int at = (from + i) % bytes.length;
            if (bytes[at] == value) {
                return at;
            }
        }
        return -1;
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }

    private static byte[] cut(byte[] bytes, int from, int to) {
        byte[] out = new byte[bytes.length - (to - from)];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(bytes, to, out, from, bytes.length - to);
        return out;
    }

    private static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Printable ASCII as it is, everything else as \xNN, cut short for very long frames. */
    static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 2000); i++) {
            int b = bytes[i] & 0xff;
            out.append(b >= 0x20 && b < 0x7f && b != '\\' ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return bytes.length > 2000 ? out + "... (" + bytes.length + " bytes)" : out.toString();
    }
}
