package io.altokit.sim.stats;

/**
 * Values (e.g. delays in seconds) in fixed-width bins, for quantiles of millions of samples in
 * constant memory; the mean is exact. Values beyond the last bin are kept in an overflow count
 * and reported as the upper bound.
 */
public final class Histogram {
    private final double binWidth;
    private final long[] bins;
    private long overflow;
    private long count;
    private double sum;
    private double max;

    public Histogram(double binWidth, double upperBound) {
        this.binWidth = binWidth;
        this.bins = new long[(int) Math.ceil(upperBound / binWidth)];
    }

    public void add(double value) {
        int bin = (int) (Math.max(0, value) / binWidth);
        if (bin < bins.length) {
            bins[bin]++;
        } else {
            overflow++;
        }
        count++;
        sum += value;
        max = Math.max(max, value);
    }

    public long count() {
        return count;
    }

    /** NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The upper edge of the bin holding the q-quantile (so within one bin width above it); NaN when empty. */
    public double quantile(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int bin = 0; bin < bins.length; bin++) {
            seen += bins[bin];
            if (seen >= rank) {
                return Math.min((bin + 1) * binWidth, max);
            }
        }
        return max;
    }
}
