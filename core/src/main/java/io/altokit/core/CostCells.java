package io.altokit.core;

/**
 * The cells of a dense cost matrix in the narrowest primitive array that holds every value exactly:
 * decimal figures with up to three fraction digits (hop counts, delays written as "12.3" in pool
 * files) as whole numbers of thousandths, hundredths, tenths or units in a {@code short} or an
 * {@code int}, other values that are each exactly a {@code float} in a float, {@code double}
 * otherwise. Reading a cell gives back the very {@code double} it was made from, bit for bit
 * (checked when the storage is chosen), so hashes and answers do not depend on the storage; NaN
 * (no cost) reads as the canonical NaN. Immutable.
 */
sealed interface CostCells {

    /** Divisors of the decimal storages, coarsest first: a figure is stored at the first that holds it. */
    double[] DIVISORS = {1, 10, 100, 1000};

    /** The cost of one row-major cell, NaN when not defined. */
    double get(int cell);

    /**
     * The costs of {@code count} cells from {@code from} on, into {@code into}: {@link #get} in bulk,
     * for passes over millions of cells (hashing them), one tight loop per storage.
     */
    void copy(int from, double[] into, int count);

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

    /** The narrowest exact storage of {@code costs} (which are not modified and not kept). */
    static CostCells of(double[] costs) {
        for (double divisor : DIVISORS) {
            if (Decimal.holds(costs, divisor, Shorts.MAX)) {
                return Shorts.of(costs, divisor);
            }
        }
        for (double divisor : DIVISORS) {
            if (Decimal.holds(costs, divisor, Ints.MAX)) {
                return Ints.of(costs, divisor);
            }
        }
        if (Floats.holds(costs)) {
            return Floats.of(costs);
        }
        return new Doubles(costs.clone());
    }

    /** The rule of the decimal storages: a cost is {@code units / divisor} for a whole {@code units} in [0, max]. */
    final class Decimal {
        private Decimal() {}

        static boolean holds(double[] costs, double divisor, long max) {
            for (double cost : costs) {
                if (!Double.isNaN(cost) && units(cost, divisor, max) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** The units that give back {@code cost} exactly (bit equality: -0.0 is not 0 units), or -1. */
        static long units(double cost, double divisor, long max) {
            if (!(cost >= 0) || cost * divisor > max) {
                return -1;
            }
            long units = Math.round(cost * divisor);
            return Double.doubleToRawLongBits(units / divisor) == Double.doubleToRawLongBits(cost) ? units : -1;
        }
    }

    /** Decimal costs of up to {@link #MAX} units, 2 bytes a cell; {@code -1} marks NaN. */
    record Shorts(short[] cells, double divisor) implements CostCells {
        static final long MAX = Short.MAX_VALUE;
        private static final short UNDEFINED = -1;

        static Shorts of(double[] costs, double divisor) {
            short[] cells = new short[costs.length];
            for (int cell = 0; cell < costs.length; cell++) {
                cells[cell] = Double.isNaN(costs[cell]) ? UNDEFINED : (short) Decimal.units(costs[cell], divisor, MAX);
            }
            return new Shorts(cells, divisor);
        }

        @Override
        public double get(int cell) {
            short units = cells[cell];
            return units == UNDEFINED ? Double.NaN : units / divisor;
        }

        @Override
        public void copy(int from, double[] into, int count) {
            for (int i = 0; i < count; i++) {
                short units = cells[from + i];
                into[i] = units == UNDEFINED ? Double.NaN : units / divisor;
            }
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

    /** Decimal costs of up to {@link #MAX} units, 4 bytes a cell; {@code -1} marks NaN. */
    record Ints(int[] cells, double divisor) implements CostCells {
        static final long MAX = Integer.MAX_VALUE;
        private static final int UNDEFINED = -1;

        static Ints of(double[] costs, double divisor) {
            int[] cells = new int[costs.length];
            for (int cell = 0; cell < costs.length; cell++) {
                cells[cell] = Double.isNaN(costs[cell]) ? UNDEFINED : (int) Decimal.units(costs[cell], divisor, MAX);
            }
            return new Ints(cells, divisor);
        }

        @Override
        public double get(int cell) {
            int units = cells[cell];
            return units == UNDEFINED ? Double.NaN : units / divisor;
        }

        @Override
        public void copy(int from, double[] into, int count) {
            for (int i = 0; i < count; i++) {
                int units = cells[from + i];
                into[i] = units == UNDEFINED ? Double.NaN : units / divisor;
            }
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

    /** Costs that are each exactly a {@code float}, 4 bytes a cell. */
    record Floats(float[] cells) implements CostCells {

        @Override
        public void copy(int from, double[] into, int count) {
            for (int i = 0; i < count; i++) {
                into[i] = cells[from + i];
            }
        }

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
        public void copy(int from, double[] into, int count) {
            System.arraycopy(cells, from, into, 0, count);
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
            return 8L * cells.length;
        }
    }
}
