package dev.switchboard;

import dev.switchboard.internal.auth.AccessTokens;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The header fields of a {@link ConnectionRequest}: an unmodifiable map whose names match case-insensitively,
 * in case-insensitive order of name.
 *
 * <p>A request is kept for its connection's life, so its fields are kept as one string of {@code name LF value
 * LF} pairs, one pair per value, rather than as a map of lists: a fifth of the memory for a typical upgrade
 * request. Lookups scan the string; they are rare, mostly at connect time. A name without values is left out,
 * and CR, LF and NUL, which a field may not hold, are replaced with spaces, as RFC 9110 lets a recipient do.
 * Its text form hides the values of fields that carry credentials.
 */
final class HeaderFields extends AbstractMap<String, List<String>> {

    private static final char END = '\n';

    private final String pairs;

    private HeaderFields(String pairs) {
        this.pairs = pairs;
    }

    /** The fields of {@code headers}; of names differing only in case, the last one's values. */
    static HeaderFields of(Map<String, List<String>> headers) {
        if (headers instanceof HeaderFields fields) {
            return fields;
        }
        TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        StringBuilder pairs = new StringBuilder();
        caseless.forEach((name, values) -> {
            for (String value : values) {
                appendClean(pairs, name);
                appendClean(pairs, value);
            }
        });
        return new HeaderFields(pairs.toString());
    }

    @Override
    public List<String> get(Object name) {
        if (!(name instanceof String wanted)) {
            return null;
        }
        List<String> values = null;
        for (int at = 0; at < pairs.length(); ) {
            int nameEnd = pairs.indexOf(END, at);
            int valueEnd = pairs.indexOf(END, nameEnd + 1);
            if (nameEnd - at == wanted.length() && pairs.regionMatches(true, at, wanted, 0, wanted.length())) {
                if (values == null) {
                    values = new ArrayList<>(1);
                }
                values.add(pairs.substring(nameEnd + 1, valueEnd));
            }
            at = valueEnd + 1;
        }
        return values == null ? null : Collections.unmodifiableList(values);
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (int at = 0; at < pairs.length(); ) {
            int nameEnd = pairs.indexOf(END, at);
            int valueEnd = pairs.indexOf(END, nameEnd + 1);
            grouped.computeIfAbsent(pairs.substring(at, nameEnd), name -> new ArrayList<>(1))
                    .add(pairs.substring(nameEnd + 1, valueEnd));
            at = valueEnd + 1;
        }
        grouped.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(grouped).entrySet();
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        entrySet().forEach(field -> shown.put(field.getKey(),
                AccessTokens.secretHeader(field.getKey()) ? AccessTokens.hidden() : field.getValue()));
        return shown.toString();
    }

    private static void appendClean(StringBuilder pairs, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            pairs.append(c == '\r' || c == '\n' || c == '\0' ? ' ' : c);
        }
        pairs.append(END);
    }
}
