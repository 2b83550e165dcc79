package io.altokit.sim.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * A run's headline figures as named columns in a fixed order: the same names in the table, the
 * JSON objects and the CSV files. Values are strings, longs or doubles.
 */
public record Summary(SequencedMap<String, Object> columns) {

    public Summary {
        columns = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(columns));
    }

    public static Builder builder() {
        return new Builder();
    }

    public double number(String column) {
        Object value = columns.get(column);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("no numeric column \"" + column + "\" in " + columns.keySet());
        }
        return number.doubleValue();
    }

    /** Collects columns in the order they are put. */
    public static final class Builder {
        private final SequencedMap<String, Object> columns = new LinkedHashMap<>();

        public Builder put(String column, Object value) {
            columns.put(column, value);
            return this;
        }

        public Summary build() {
            return new Summary(columns);
        }
    }
}
