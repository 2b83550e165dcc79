package io.altokit.core;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The operator's own properties of PIDs, from the network file (an area's name, coordinates, AS
 * number): by PID name, property type to value, both in name order. Values are strings, as RFC 9240
 * section 7.6 has clients expect. A PID without properties is not listed.
 */
public record PidProperties(SortedMap<String, SortedMap<String, String>> byPid) {
    public static final PidProperties NONE = new PidProperties(new TreeMap<>());

    public PidProperties {
        SortedMap<String, SortedMap<String, String>> copied = new TreeMap<>();
        byPid.forEach((pid, properties) -> {
            if (!properties.isEmpty()) {
                copied.put(pid, Collections.unmodifiableSortedMap(new TreeMap<>(properties)));
            }
        });
        byPid = Collections.unmodifiableSortedMap(copied);
    }

    /** From any maps, such as the network file's in file order. */
    public static PidProperties from(Map<String, ? extends Map<String, String>> byPid) {
        SortedMap<String, SortedMap<String, String>> sorted = new TreeMap<>();
        byPid.forEach((pid, properties) -> sorted.put(pid, new TreeMap<>(properties)));
        return new PidProperties(sorted);
    }

    /** The properties of {@code pid}; empty if it has none. */
    public SortedMap<String, String> of(String pid) {
        return byPid.getOrDefault(pid, Collections.emptySortedMap());
    }

    /** Every property type some PID has, in name order. */
    public SortedSet<String> types() {
        SortedSet<String> types = new TreeSet<>();
        byPid.values().forEach(properties -> types.addAll(properties.keySet()));
        return Collections.unmodifiableSortedSet(types);
    }

    public Set<String> pids() {
        return byPid.keySet();
    }
}
