package io.altokit.app.config;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The known key a misspelt one most likely meant: few enough edits away to be a typo, not another word. */
public final class NearestKey {
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private NearestKey() {
    }

    /** {@code "; did you mean 'access'?"} when a known key is near, else empty: the tail of an error message. */
    public static String suggestion(String key, Collection<String> known) {
        return to(key, known).map(nearest -> "; did you mean '" + nearest + "'?").orElse("");
    }

    public static Optional<String> to(String key, Collection<String> known) {
        // A third of the key's length, at least 2: "acess" -> "access", "cots" -> "costs", but "tls" is not "auth".
        int allowed = Math.max(2, key.length() / 3);
        return known.stream()
                .filter(candidate -> DISTANCE.apply(key, candidate) <= allowed)
                .min(Comparator.comparingInt((String candidate) -> DISTANCE.apply(key, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }
}
