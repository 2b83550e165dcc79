package io.altokit.sim.stats;

/**
 * Mean and 95 % confidence interval of a small sample (runs over seeds), with Student's t: the
 * runs are few, so the normal 1.96 would claim too much.
 *
 * @param halfWidth the interval is mean ± halfWidth; NaN for fewer than two values
 */
public record Confidence(double mean, double halfWidth, int n) {
    /** Two-sided 97.5 % quantiles of t for 1..30 degrees of freedom. */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042};

    public static Confidence of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Confidence(Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (double value : values) {
            mean += value;
        }
        mean /= n;
        if (n == 1) {
            return new Confidence(mean, Double.NaN, 1);
        }
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        double t = n - 1 <= T_975.length ? T_975[n - 2] : 1.96;
        return new Confidence(mean, t * Math.sqrt(squares / (n - 1) / n), n);
    }
}
