package dev.switchboard.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads one record into a tree within explicit bounds, so that a hostile document is refused as the
 * parser meets it, before a tree is built: nesting at most {@value #MAX_NESTING_DEPTH} levels, the
 * limit of System.Text.Json, which SignalR reads with; numbers at most {@value #MAX_NUMBER_LENGTH}
 * characters; the document, each string and each property name at most the hub's maximum message size.
 * The mapper's own factory features are kept.
 */
final class JsonReader {

    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 1000;

    private final ObjectMapper mapper;
    /** One factory per maximum message size: a server has a handful of hubs. */
    private final Map<Integer, JsonFactory> factories = new ConcurrentHashMap<>();

    JsonReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The record at {@code [offset, offset + length)}; null or a missing node when it holds no value. */
    JsonNode read(byte[] data, int offset, int length, int maxMessageSize) throws IOException {
        JsonFactory factory = factories.computeIfAbsent(maxMessageSize, this::factory);
        try (JsonParser parser = factory.createParser(data, offset, length)) {
            return mapper.readTree(parser);
        }
    }

    /**
     * What was wrong, for the client: the first line of Jackson's message, without the location block that
     * follows it or the name of the Jackson setting that a limit comes from.
     */
    static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null) {
            return "malformed input.";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.replaceAll(", from `[^`]*`\\)", ")");
    }

    private JsonFactory factory(int maxMessageSize) {
        return mapper.getFactory().rebuild().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(maxMessageSize)
                .maxNameLength(maxMessageSize)
                .maxDocumentLength(maxMessageSize)
                .build()).build();
    }
}
