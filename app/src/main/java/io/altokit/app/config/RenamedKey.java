package io.altokit.app.config;

import java.util.Map;
import java.util.Optional;

/**
 * A key whose name carried its unit ({@code debounce-ms}, {@code remember-seconds}) before every
 * duration took the one format of {@link Durations}. Such a key stops the start with a message that
 * gives the line to write instead, rather than being read with a unit the new key does not have.
 *
 * @param key the key that replaces it
 * @param unit the unit the old key counted in, appended to its number in the suggestion
 */
record RenamedKey(String key, String unit) {
    private static final Map<String, RenamedKey> RENAMED = Map.of(
            "debounce-ms", new RenamedKey("debounce", "ms"),
            "remember-seconds", new RenamedKey("remember", "s"),
            "clock-skew-seconds", new RenamedKey("clock-skew", "s"),
            "resign-after-seconds", new RenamedKey("resign-after", "s"));

    static Optional<RenamedKey> of(String oldKey) {
        return Optional.ofNullable(RENAMED.get(oldKey));
    }

    /** {@code 'debounce-ms' was renamed: write debounce: 250ms}. */
    String message(String oldKey, String oldValue) {
        return "'" + oldKey + "' was renamed: write " + key + ": " + oldValue + unit;
    }
}
