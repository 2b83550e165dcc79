package io.altokit.provision.network;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A complete square matrix over named areas (PIDs), rows are sources, as one pool provides it.
 * Its values may be worked out when first asked for ({@link #later}): a pool file that did not
 * change since the last build needs only its areas checked, unless the network is built whole.
 */
final class AreaMatrix {

    private final String source;
    private final List<String> areas;
    private Supplier<double[][]> pending;
    private double[][] values;

    /**
     * @param source where it came from, for error messages: a file, or a file and a YAML path
     * @param values {@code values[i][j]} from {@code areas.get(i)} to {@code areas.get(j)}, in the unit of the pool's cost metric
     */
    AreaMatrix(String source, List<String> areas, double[][] values) {
        this.source = source;
        this.areas = List.copyOf(areas);
        this.values = Objects.requireNonNull(values, "values");
    }

    private AreaMatrix(String source, List<String> areas, Supplier<double[][]> values) {
        this.source = source;
        this.areas = List.copyOf(areas);
        this.pending = values;
    }

    /** A matrix whose values {@code values} gives on first use. */
    static AreaMatrix later(String source, List<String> areas, Supplier<double[][]> values) {
        return new AreaMatrix(source, areas, values);
    }

    String source() {
        return source;
    }

    List<String> areas() {
        return areas;
    }

    /** {@code values[i][j]} from {@code areas().get(i)} to {@code areas().get(j)}. */
    double[][] values() {
        if (values == null) {
            values = pending.get();
            pending = null;
        }
        return values;
    }
}
