package io.altokit.provision.network;

import java.util.List;

/**
 * A complete square matrix over named areas (PIDs), rows are sources, as one pool provides it.
 *
 * @param source where it came from, for error messages: a file, or a file and a YAML path
 * @param values {@code values[i][j]} from {@code areas.get(i)} to {@code areas.get(j)}, in the unit of the pool's cost metric
 */
record AreaMatrix(String source, List<String> areas, double[][] values) {
}
