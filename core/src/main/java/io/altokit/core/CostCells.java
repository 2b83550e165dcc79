package io.altokit.core;

/**
 * The cells of a dense cost matrix in the narrowest primitive array that holds every value exactly:
 * {@code short} when all costs are small whole numbers (hop counts), {@code float} when each is
 * exactly a float (most measured delays and distances as written in pool files), {@code double}
 * otherwise. Reading a cell gives back the very {@code double} it was made from, bit for bit, so
 * hashes and answers do not depend on the storage; NaN (no cost) reads as the canonical NaN.
 * Immutable.
 */
sealed interface CostCells {

    /** The cost of one row-major cell, NaN when not defined. */
    double get(int cell);

    int length();

    /** Heap bytes the cells take, for sizing figures. */
    long bytes();

    /** The cells as a new row-major array the caller owns. */
    default double[] toArray() {
        double[] costs = new double[length()];
        for (int cell = 0; cell < costs.length; cell++) {
            costs[cell] = get(cell);
        }
        return costs;
    }

    /** Whether both hold the same cost (NaN alike) in every cell. */
    default boolean sameAs(CostCells other) {
        if (other == this) {
            return true;
        }
        if (other.length() != length()) {
            return false;
        }
        for (int cell = 0; cell < length(); cell++) {
            if (Double.compare(get(cell), other.get(cell)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The narrowest exact storage of {@code costs} (which are not modified and not kept). */
    static CostCells of(double[] costs) {
        if (Shorts.holds(costs)) {
            return Shorts.of(costs);
        }
        if (Floats.holds(costs)) {
            return Floats.of(costs);
        }
        return new Doubles(costs.clone());
    }

    /** Whole costs from 0 to {@link #MAX}, 2 bytes a cell; {@code -1} marks NaN. */
    record Shorts(short[] cells) implements CostCells {
        static final int MAX = Short.MAX_VALUE;
        private static final short UNDEFINED = -1;

        static boolean holds(double[] costs) {
            for (double cost : costs) {
                // Bit equality rejects -0.0, which a short would give back as 0.0.
                if (!Double.isNaN(cost) && (cost < 0 || cost > MAX
                        || Double.doubleToRawLongBits((short) cost) != Double.doubleToRawLongBits(cost))) {
                    return false;
                }
            }
            return true;
        }

        static Shorts of(double[] costs) {
            short[] cells = new short[costs.length];
            for (int cell = 0; cell < costs.length; cell++) {
                cells[cell] = Double.isNaN(costs[cell]) ? UNDEFINED : (short) costs[cell];
            }
            return new Shorts(cells);
        }

        @Override
        public double get(int cell) {
            short cost = cells[cell];
            return cost == UNDEFINED ? Double.NaN : cost;
        }

        @Override
        public int length() {
            return cells.length;
        }

        @Override
        public long bytes() {
            return 2L * cells.length;
        }
    }

    /** Costs that are each exactly a {@code float}, 4 bytes a cell. */
    record Floats(float[] cells) implements CostCells {

        static boolean holds(double[] costs) {
            for (double cost : costs) {
                if (!Double.isNaN(cost)
                        && Double.doubleToRawLongBits((float) cost) != Double.doubleToRawLongBits(cost)) {
                    return false;
                }
            }
            return true;
        }

        static Floats of(double[] costs) {
            float[] cells = new float[costs.length];
            for (int cell = 0; cell < costs.length; cell++) {
                cells[cell] = (float) costs[cell]; // NaN stays NaN
            }
            return new Floats(cells);
        }

        @Override
        public double get(int cell) {
            return cells[cell];
        }

        @Override
        public int length() {
            return cells.length;
        }

        @Override
        public long bytes() {
            return 4L * cells.length;
        }
    }

    /** Any costs, 8 bytes a cell. */
    record Doubles(double[] cells) implements CostCells {

        @Override
        public double get(int cell) {
            return cells[cell];
        }

        @Override
        public int length() {
            return cells.length;
        }

        @Override
        public long bytes() {
            return 8L * cells.length;
        }
    }
}
