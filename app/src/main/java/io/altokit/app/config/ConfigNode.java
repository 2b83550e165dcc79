package io.altokit.app.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One value of the configuration file at its key path, read with the file's one policy:
 * <ul>
 * <li>a mapping holds only the keys its section knows; any other is an error naming the nearest known key;</li>
 * <li>{@code key: null} (or {@code key:} with nothing after it) is the same as leaving the key out;</li>
 * <li>every value is checked where it is read, and the error names the file and the key path.</li>
 * </ul>
 * Section readers turn nodes into immutable records; nothing outside this package sees the YAML tree,
 * and nothing below {@code app} sees YAML at all.
 */
public final class ConfigNode {
    private final JsonNode node;
    private final Path file;
    /** The key path; for a list's element, made when first asked for (a network's 300,000 prefixes are rarely named). */
    private String path;
    private final ConfigNode parentList;
    private final int index;

    ConfigNode(JsonNode node, String path, Path file) {
        this.node = node;
        this.path = path;
        this.file = file;
        this.parentList = null;
        this.index = -1;
    }

    /** Element {@code index} of {@code list}. */
    private ConfigNode(JsonNode node, ConfigNode list, int index) {
        this.node = node;
        this.file = list.file;
        this.parentList = list;
        this.index = index;
    }

    public String path() {
        if (path == null) {
            path = parentList.path() + "[" + index + "]";
        }
        return path;
    }

    public Path file() {
        return file;
    }

    /** The directory files named in the configuration are relative to. */
    public Path directory() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }

    /** This node as a mapping holding only {@code known} keys. */
    public ConfigNode mapping(Set<String> known) {
        Map<String, ConfigNode> entries = entries();
        for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw RenamedKey.of(entry.getKey())
                        .filter(renamed -> known.contains(renamed.key()))
                        .map(renamed -> entry.getValue().error(renamed.message(entry.getKey(), entry.getValue().describe())))
                        .orElseGet(() -> unknownKey(entry.getKey(), known));
            }
        }
        return this;
    }

    /** The error for {@code key}, which is not among {@code known}: the nearest known key as a suggestion. */
    public ConfigException unknownKey(String key, Set<String> known) {
        return new ConfigException(file, child(key), "unknown setting (known: " + String.join(", ", new TreeSet<>(known))
                + ")" + NearestKey.suggestion(key, known));
    }

    /** The entries of this mapping in file order, for keys the operator names (PIDs, clients). */
    public Map<String, ConfigNode> entries() {
        if (!node.isObject()) {
            throw error("expected a mapping, got " + describe());
        }
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isNull()) {
                entries.put(entry.getKey(), new ConfigNode(entry.getValue(), child(entry.getKey()), file));
            }
        }
        return entries;
    }

    /** The elements of this list, each with its index in its path ({@code access[2]}). */
    public List<ConfigNode> list() {
        if (!node.isArray()) {
            throw error("expected a list, got " + describe());
        }
        List<ConfigNode> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new ConfigNode(node.get(i), this, i));
        }
        return elements;
    }

    public boolean has(String key) {
        return get(key).isPresent();
    }

    /** The value at {@code key} of this mapping, if set (null counts as not set). */
    public Optional<ConfigNode> get(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(new ConfigNode(value, child(key), file));
    }

    public ConfigNode required(String key) {
        return get(key).orElseThrow(() -> new ConfigException(file, child(key), "missing"));
    }

    /** A mapping section at {@code key} holding only {@code known} keys. */
    public Optional<ConfigNode> section(String key, Set<String> known) {
        return get(key).map(section -> section.mapping(known));
    }

    public boolean isMapping() {
        return node.isObject();
    }

    public boolean isList() {
        return node.isArray();
    }

    /** This value as a non-empty string. */
    public String text() {
        return textExpecting("a non-empty string");
    }

    /** This value as a non-empty string; otherwise "expected {@code what}, got ...". */
    public String textExpecting(String what) {
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw error("expected " + what + ", got " + describe());
        }
        return node.textValue();
    }

    /** A string or a number, as text: AS numbers may be written either way. */
    public String scalar() {
        return node.isNumber() ? node.asText() : text();
    }

    public Optional<String> text(String key) {
        return get(key).map(ConfigNode::text);
    }

    /** A file named relative to the configuration file's directory. */
    public Optional<Path> file(String key) {
        return text(key).map(directory()::resolve);
    }

    public boolean bool(String key, boolean fallback) {
        return get(key).map(ConfigNode::bool).orElse(fallback);
    }

    public boolean bool() {
        if (!node.isBoolean()) {
            throw error("expected true or false, got " + describe());
        }
        return node.booleanValue();
    }

    /** This value as a whole number from {@code min} to {@code max}. */
    public long integer(long min, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw error("expected an integer " + min + ".." + (max >= Integer.MAX_VALUE ? "" : max) + ", got " + describe());
        }
        return node.longValue();
    }

    public Optional<Integer> integer(String key, int min, int max) {
        return get(key).map(value -> (int) value.integer(min, max));
    }

    public Optional<Long> positive(String key) {
        return get(key).map(value -> {
            if (!value.node.isIntegralNumber() || !value.node.canConvertToLong() || value.node.longValue() < 1) {
                throw value.error("expected a positive whole number, got " + value.describe());
            }
            return value.node.longValue();
        });
    }

    public double number() {
        if (!node.isNumber()) {
            throw error("expected a number, got " + describe());
        }
        return node.doubleValue();
    }

    /** A duration in the one syntax of {@link Durations}, from {@code min} to {@code max}. */
    public Optional<Duration> duration(String key, Duration min, Duration max) {
        return get(key).map(value -> value.duration(min, max));
    }

    public Duration duration(Duration min, Duration max) {
        if (node.isIntegralNumber()) {
            throw error("expected " + Durations.FORMS + "; a bare number has no unit: write " + describe() + "s for seconds");
        }
        if (!node.isTextual()) {
            throw error("expected " + Durations.FORMS + ", got " + describe());
        }
        Duration duration;
        try {
            duration = Durations.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        if (duration.compareTo(min) < 0) {
            throw error("must be at least " + shortForm(min) + ", got " + describe());
        }
        if (duration.compareTo(max) > 0) {
            throw error("must be at most " + shortForm(max) + ", got " + describe());
        }
        return duration;
    }

    /** One string or a list of them; empty when the key is not set, an error when the list is empty. */
    public List<String> texts(String key) {
        Optional<ConfigNode> value = get(key);
        if (value.isEmpty()) {
            return List.of();
        }
        List<ConfigNode> items = value.get().node.isArray() ? value.get().list() : List.of(value.get());
        if (items.isEmpty()) {
            throw value.get().error("the list is empty");
        }
        List<String> texts = new ArrayList<>();
        for (ConfigNode item : items) {
            if (!item.node.isTextual() || item.node.textValue().isBlank()) {
                throw value.get().error("expected a string or a list of strings, got " + value.get().describe());
            }
            texts.add(item.node.textValue());
        }
        return texts;
    }

    public ConfigException error(String problem) {
        return new ConfigException(file, path(), problem);
    }

    /** An error about {@code key} of this mapping, whether or not it is set ("missing", "required"). */
    public ConfigException error(String key, String problem) {
        return new ConfigException(file, child(key), problem);
    }

    /** The value as the file wrote it, for messages: {@code "10s"}, {@code 7}, {@code [a, b]}. */
    public String describe() {
        return node.toString();
    }

    /** {@code 1s}, {@code 1h}, {@code 500ms}: the bounds in the syntax the operator writes. */
    private static String shortForm(Duration duration) {
        long millis = duration.toMillis();
        for (var unit : List.of(Map.entry("d", 86_400_000L), Map.entry("h", 3_600_000L), Map.entry("m", 60_000L),
                Map.entry("s", 1000L))) {
            if (millis % unit.getValue() == 0 && millis > 0) {
                return millis / unit.getValue() + unit.getKey();
            }
        }
        return millis + "ms";
    }

    private String child(String key) {
        return path().isEmpty() ? key : path() + "." + key;
    }
}
