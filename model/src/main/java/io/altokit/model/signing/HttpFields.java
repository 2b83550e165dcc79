package io.altokit.model.signing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The header fields of an HTTP message, independent of any HTTP library: names are case-insensitive,
 * a name may carry several field lines. {@link #value(String)} combines them the way RFC 9421 section 2.1
 * asks (each line trimmed, obsolete line folding replaced by a space, lines joined with {@code ", "}).
 *
 * <p>Build it from {@code java.net.http.HttpHeaders.map()} with {@link #of(Map)}, or field by field
 * with {@link #builder()}.
 */
public final class HttpFields {
    private final Map<String, List<String>> lines; // lower-case name -> field lines in order

    private HttpFields(Map<String, List<String>> lines) {
        this.lines = lines;
    }

    /** Fields from a map name -> field lines (any name case; names differing only in case merge in map order). */
    public static HttpFields of(Map<String, ? extends List<String>> fields) {
        Builder builder = builder();
        fields.forEach((name, values) -> values.forEach(v -> builder.add(name, v)));
        return builder.build();
    }

    /** Fields from a map name -> single value. */
    public static HttpFields ofSingle(Map<String, String> fields) {
        Builder builder = builder();
        fields.forEach(builder::add);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The combined value of a field, or empty when the message has no line of that name. */
    public Optional<String> value(String name) {
        List<String> values = lines.get(name.toLowerCase(Locale.ROOT));
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder combined = new StringBuilder();
        for (String line : values) {
            if (!combined.isEmpty()) {
                combined.append(", ");
            }
            combined.append(canonicalLine(line));
        }
        return Optional.of(combined.toString());
    }

    public boolean contains(String name) {
        return lines.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The field lines of a name, as added. */
    public List<String> lines(String name) {
        return lines.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Lower-case field names. */
    public java.util.Set<String> names() {
        return lines.keySet();
    }

    /** A copy with one more field line. */
    public HttpFields with(String name, String value) {
        Builder builder = builder();
        lines.forEach((n, vs) -> vs.forEach(v -> builder.add(n, v)));
        return builder.add(name, value).build();
    }

    /** A copy without any line of that name. */
    public HttpFields without(String name) {
        Builder builder = builder();
        String drop = name.toLowerCase(Locale.ROOT);
        lines.forEach((n, vs) -> {
            if (!n.equals(drop)) {
                vs.forEach(v -> builder.add(n, v));
            }
        });
        return builder.build();
    }

    private static String canonicalLine(String line) {
        // obs-fold: CRLF followed by SP/HTAB -> one SP
        String unfolded = line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0
                ? line.replaceAll("\\r?\\n[ \\t]+", " ")
                : line;
        return unfolded.strip();
    }

    @Override
    public String toString() {
        return lines.toString();
    }

    public static final class Builder {
        private final Map<String, List<String>> lines = new TreeMap<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            if (name == null || name.isEmpty() || value == null) {
                throw new IllegalArgumentException("a field needs a name and a value");
            }
            lines.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            return this;
        }

        public HttpFields build() {
            Map<String, List<String>> copy = new TreeMap<>();
            lines.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new HttpFields(Collections.unmodifiableMap(copy));
        }
    }
}
