package dev.switchboard.internal.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Writes stream items as their hub method declares them, with a writer per declared item type. */
final class ItemWriters {

    private final ObjectMapper mapper;
    /** A handful of types, those of the streaming hub methods, known at start-up. */
    private final Map<JavaType, ObjectWriter> writers = new ConcurrentHashMap<>();

    ItemWriters(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Writes {@code item} as {@code itemType}, or as its runtime type when that is null. */
    void write(JsonGenerator out, Object item, JavaType itemType) throws IOException {
        if (itemType == null) {
            out.writeObject(item);
        } else {
            writers.computeIfAbsent(itemType, mapper::writerFor).writeValue(out, item);
        }
    }
}
