package dev.switchboard.redis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What servers publish to each other on Redis. The records are written once by the sender with a small
 * length-prefixed binary form, so that hub messages travel as the exact bytes every server then writes to
 * its connections, with no second serialization.
 */
sealed interface Envelope {

    /** Format version, first byte of every message, so that a mixed rollout fails loudly rather than oddly. */
    byte VERSION = 1;

    /** Which connections of the "all" channel a {@link Send} is for; other channels name their own target. */
    enum Audience { EVERYONE, GROUPS, USERS, CONNECTIONS }

    /** How a {@link Reply} ended. */
    enum Outcome { DONE, RESULT, HUB_ERROR, TIMEOUT, GONE }

    /**
     * A hub message for connections on other servers.
     *
     * @param origin the sending server, which has delivered to its own connections already
     * @param names the groups, users or connections of {@code audience}; empty for everyone
     * @param excluded connection ids that must not receive it
     * @param payloads the message as each protocol writes it, by protocol name
     */
    record Send(String origin, Audience audience, List<String> names, List<String> excluded,
                Map<String, byte[]> payloads) implements Envelope {
    }

    /** Adds the channel's connection to {@code group}, or removes it, and confirms to {@code origin}. */
    record GroupChange(String origin, long id, boolean add, String group) implements Envelope {
    }

    /** Invokes {@code method} on the channel's connection for a client result, answered to {@code origin}. */
    record Invoke(String origin, long id, String method, byte[] arguments) implements Envelope {
    }

    /** The answer to a {@link GroupChange} or {@link Invoke}: a JSON result or an error message as UTF-8. */
    record Reply(long id, Outcome outcome, byte[] body) implements Envelope {
    }

    static byte[] write(Envelope envelope) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (envelope instanceof Send send) {
                out.writeByte(1);
                writeString(out, send.origin());
                out.writeByte(send.audience().ordinal());
                writeStrings(out, send.names());
                writeStrings(out, send.excluded());
                out.writeInt(send.payloads().size());
                for (Map.Entry<String, byte[]> payload : send.payloads().entrySet()) {
                    writeString(out, payload.getKey());
                    writeBytes(out, payload.getValue());
                }
            } else if (envelope instanceof GroupChange change) {
                out.writeByte(2);
                writeString(out, change.origin());
                out.writeLong(change.id());
                out.writeBoolean(change.add());
                writeString(out, change.group());
            } else if (envelope instanceof Invoke invoke) {
                out.writeByte(3);
                writeString(out, invoke.origin());
                out.writeLong(invoke.id());
                writeString(out, invoke.method());
                writeBytes(out, invoke.arguments());
            } else if (envelope instanceof Reply reply) {
                out.writeByte(4);
                out.writeLong(reply.id());
                out.writeByte(reply.outcome().ordinal());
                writeBytes(out, reply.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException for bytes that are not an envelope of this version */
    static Envelope read(byte[] message) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(message));
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("Envelope version " + version + " is not " + VERSION);
        }
        byte type = in.readByte();
        return switch (type) {
            case 1 -> {
                String origin = readString(in);
                Audience audience = Audience.values()[in.readUnsignedByte()];
                List<String> names = readStrings(in);
                List<String> excluded = readStrings(in);
                int count = in.readInt();
                Map<String, byte[]> payloads = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    payloads.put(readString(in), readBytes(in));
                }
                yield new Send(origin, audience, names, excluded, payloads);
            }
            case 2 -> new GroupChange(readString(in), in.readLong(), in.readBoolean(), readString(in));
            case 3 -> new Invoke(readString(in), in.readLong(), readString(in), readBytes(in));
            case 4 -> new Reply(in.readLong(), Outcome.values()[in.readUnsignedByte()], readBytes(in));
            default -> throw new IOException("Unknown envelope type " + type);
        };
    }

    private static void writeStrings(DataOutputStream out, Collection<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> values = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            values.add(readString(in));
        }
        return values;
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("A field of " + length + " bytes does not fit the envelope");
        }
        return in.readNBytes(length);
    }
}
