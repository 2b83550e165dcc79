package io.altokit.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prefix lists of the {@code network-map} section, read without the YAML parser when the whole
 * section is written one PID per line in the flow style generators and exports use:
 * <pre>
 * network-map:
 *   pid1: { ipv4: [10.0.0.0/24, 10.0.1.0/24], ipv6: [2001:db8::/48] }
 * </pre>
 * SnakeYAML reads a few MB a second and tries each plain scalar against YAML's number and time
 * patterns: most of a 250k-prefix file's start. In this form every list element is a plain scalar
 * of hex digits and dots ending in {@code /length}, which is a string of exactly its text (no YAML
 * type pattern allows a {@code /}), or a quoted one of address characters ({@code "2001:db8::/48"}:
 * YAML reads a colon in a plain scalar of a flow list as an indicator), which is its text too. The lists are taken out of the text given to the YAML
 * parser, which still reads every key (so duplicates are still refused), and put back into the tree
 * it gives ({@link #fillInto}): the tree the YAML parser gives for the whole text. Anything else in
 * the section (another layout, a quoted or unusual element, a comment after a value) leaves the
 * file to the YAML parser whole.
 */
final class FlowPrefixLists {

    private static final String HEADER = "network-map:";

    /** One PID's line: its name and its lists by family, in the order written. */
    private record Entry(String pid, Map<String, List<String>> lists) {}

    private final String yaml;
    private final List<Entry> entries;

    private FlowPrefixLists(String yaml, List<Entry> entries) {
        this.yaml = yaml;
        this.entries = entries;
    }

    /** The section's lists and the text without them, if the section has the one-line flow form. */
    static Optional<FlowPrefixLists> of(String text) {
        int header = sectionStart(text);
        if (header < 0) {
            return Optional.empty();
        }
        int lineStart = text.indexOf('\n', header);
        if (lineStart < 0 || !text.substring(header + HEADER.length(), lineStart).isBlank()) {
            return Optional.empty();
        }
        lineStart++;
        StringBuilder yaml = new StringBuilder(text.length() / 8).append(text, 0, lineStart);
        List<Entry> entries = new ArrayList<>();
        while (lineStart < text.length()) {
            int end = text.indexOf('\n', lineStart);
            int lineEnd = end < 0 ? text.length() : end;
            String line = text.substring(lineStart, lineEnd);
            if (!line.isEmpty() && line.charAt(0) != ' ' && line.charAt(0) != '#') {
                break; // the next top-level key: the section ended
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                yaml.append(line);
            } else {
                Optional<Entry> entry = new LineReader(line).entry();
                if (entry.isEmpty()) {
                    return Optional.empty();
                }
                entries.add(entry.get());
                yaml.append(emptied(entry.get()));
            }
            if (end < 0) {
                lineStart = text.length();
                break;
            }
            yaml.append('\n');
            lineStart = end + 1;
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FlowPrefixLists(yaml.append(text, lineStart, text.length()).toString(), List.copyOf(entries)));
    }

    /** The text for the YAML parser: the file as it was, its lines in their places, the lists emptied. */
    String yaml() {
        return yaml;
    }

    /**
     * Puts the lists back into {@code root}, the tree of {@link #yaml()}; false, having changed
     * nothing, if the tree does not hold the section's PIDs, in order, with empty lists where the
     * lines had them (the section was not what it looked like line by line).
     */
    boolean fillInto(JsonNode root) {
        JsonNode section = root.path("network-map");
        if (!section.isObject() || section.size() != entries.size()) {
            return false;
        }
        List<JsonNode> groups = new ArrayList<>(entries.size());
        Iterator<Map.Entry<String, JsonNode>> pids = section.properties().iterator();
        for (Entry entry : entries) {
            Map.Entry<String, JsonNode> pid = pids.next();
            JsonNode value = pid.getValue();
            if (!pid.getKey().equals(entry.pid()) || !value.isObject() || value.size() != entry.lists().size()
                    || !entry.lists().keySet().stream().allMatch(family -> value.path(family).isArray() && value.path(family).isEmpty())) {
                return false;
            }
            groups.add(value);
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode value = groups.get(i);
            entries.get(i).lists().forEach((family, prefixes) -> prefixes.forEach(((ArrayNode) value.get(family))::add));
        }
        return true;
    }

    /** Where a line {@code network-map:} starts at the left margin, or -1. */
    private static int sectionStart(String text) {
        for (int at = text.indexOf(HEADER); at >= 0; at = text.indexOf(HEADER, at + 1)) {
            if (at == 0 || text.charAt(at - 1) == '\n') {
                return at;
            }
        }
        return -1;
    }

    private static String emptied(Entry entry) {
        StringBuilder line = new StringBuilder("  ").append(entry.pid()).append(": {");
        String separator = " ";
        for (String family : entry.lists().keySet()) {
            line.append(separator).append(family).append(": []");
            separator = ", ";
        }
        return line.append(" }").toString();
    }

    /**
     * One line of the form {@code "  name: { ipv4: [p, p], ipv6: [p] }"} (either list or both, spaces
     * inside the braces optional, trailing spaces allowed), each {@code p} plain (a hex digit, hex
     * digits and dots, {@code /}, decimal digits) or in double or single quotes (hex digits, dots,
     * colons and slashes).
     */
    private static final class LineReader {
        private final String line;
        private int at;

        LineReader(String line) {
            this.line = line;
        }

        Optional<Entry> entry() {
            if (!skip("  ")) {
                return Optional.empty();
            }
            int nameStart = at;
            if (at >= line.length() || !isNameStart(line.charAt(at))) {
                return Optional.empty();
            }
            while (at < line.length() && isNameChar(line.charAt(at))) {
                at++;
            }
            String pid = line.substring(nameStart, at);
            if (!skip(": {")) {
                return Optional.empty();
            }
            skip(" ");
            Map<String, List<String>> lists = new LinkedHashMap<>();
            do {
                String family = skip("ipv4: [") ? "ipv4" : skip("ipv6: [") ? "ipv6" : null;
                if (family == null || lists.containsKey(family)) {
                    return Optional.empty();
                }
                Optional<List<String>> prefixes = prefixes();
                if (prefixes.isEmpty()) {
                    return Optional.empty();
                }
                lists.put(family, prefixes.get());
            } while (skip(", "));
            skip(" ");
            if (!skip("}") || !line.substring(at).isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Entry(pid, lists));
        }

        /** The elements up to and past the closing bracket. */
        private Optional<List<String>> prefixes() {
            List<String> prefixes = new ArrayList<>();
            if (skip("]")) {
                return Optional.of(prefixes);
            }
            while (true) {
                Optional<String> prefix = at < line.length() && (line.charAt(at) == '"' || line.charAt(at) == '\'')
                        ? quoted(line.charAt(at)) : plain();
                if (prefix.isEmpty()) {
                    return Optional.empty();
                }
                prefixes.add(prefix.get());
                if (skip("]")) {
                    return Optional.of(prefixes);
                }
                if (!skip(", ")) {
                    return Optional.empty();
                }
            }
        }

        /** A plain element: a hex digit, hex digits and dots, {@code /}, decimal digits (no colon: YAML reads it as an indicator). */
        private Optional<String> plain() {
            int start = at;
            if (at >= line.length() || Character.digit(line.charAt(at), 16) < 0) {
                return Optional.empty();
            }
            while (at < line.length() && (Character.digit(line.charAt(at), 16) >= 0 || line.charAt(at) == '.')) {
                at++;
            }
            if (!skip("/") || at >= line.length() || !isDigit(line.charAt(at))) {
                return Optional.empty();
            }
            while (at < line.length() && isDigit(line.charAt(at))) {
                at++;
            }
            return Optional.of(line.substring(start, at));
        }

        /** A quoted element of address characters ({@code "2001:db8::/48"}): its text is what is between the quotes. */
        private Optional<String> quoted(char quote) {
            int start = ++at;
            while (at < line.length() && isAddressChar(line.charAt(at))) {
                at++;
            }
            if (at == start || at >= line.length() || line.charAt(at) != quote) {
                return Optional.empty();
            }
            return Optional.of(line.substring(start, at++));
        }

        private boolean skip(String expected) {
            if (line.startsWith(expected, at)) {
                at += expected.length();
                return true;
            }
            return false;
        }

        private static boolean isNameStart(char c) {
            return c < 128 && Character.isLetterOrDigit(c);
        }

        private static boolean isNameChar(char c) {
            return isNameStart(c) || c == '_' || c == '.' || c == '-';
        }

        private static boolean isAddressChar(char c) {
            return c < 128 && (Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '/');
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
