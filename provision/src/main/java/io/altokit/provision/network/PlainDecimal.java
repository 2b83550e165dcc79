package io.altokit.provision.network;

/**
 * A short plain decimal as matrix files hold millions of ({@code 12.5}, {@code 3}, {@code -0.25}):
 * an optional sign, digits, an optional point and more digits, at most 15 digits in all. Read
 * without {@link java.math.BigDecimal} and exactly as it would read it: the digits make a whole
 * number below 2<sup>53</sup>, which a {@code double} holds exactly, and one IEEE operation with
 * an exact power of ten rounds the quotient or product correctly, as
 * {@code BigDecimal.doubleValue()} does.
 *
 * @param unscaled the digits as a whole number
 * @param scale digits after the point
 */
record PlainDecimal(boolean negative, long unscaled, int scale) {

    private static final int MAX_DIGITS = 15;
    /** Powers of ten a double holds exactly. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long EXACT_LIMIT = 1L << 53;

    /**
     * The decimal {@code text} holds from {@code from} to {@code to} (a cell of a line), or null if it
     * is not a short plain decimal (the general reading then decides).
     */
    static PlainDecimal parse(String text, int from, int to) {
        int length = to;
        int at = from;
        boolean negative = false;
        if (at < length && (text.charAt(at) == '-' || text.charAt(at) == '+')) {
            negative = text.charAt(at++) == '-';
        }
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; at < length; at++) {
            char c = text.charAt(at);
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_DIGITS) {
                    return null;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return null;
            }
        }
        // "5." and ".5" are decimals to BigDecimal too; "." and "" are not.
        return digits == 0 ? null : new PlainDecimal(negative, unscaled, Math.max(scale, 0));
    }

    /** The value, correctly rounded. */
    double value() {
        return signed(unscaled / POWERS_OF_TEN[scale]);
    }

    /**
     * The value with the point moved {@code places} to the right ({@code BigDecimal.movePointRight}),
     * correctly rounded; NaN where this quick rule cannot vouch for that (a product past 2<sup>53</sup>).
     */
    double shifted(int places) {
        int exponent = places - scale;
        if (exponent >= 0) {
            if (exponent >= POWERS_OF_TEN.length || unscaled > EXACT_LIMIT / (long) POWERS_OF_TEN[Math.min(exponent, 18)]) {
                return Double.NaN;
            }
            return signed(unscaled * POWERS_OF_TEN[exponent]);
        }
        return -exponent < POWERS_OF_TEN.length ? signed(unscaled / POWERS_OF_TEN[-exponent]) : Double.NaN;
    }

    /** Minus zero is plain zero, as BigDecimal has no negative zero. */
    private double signed(double magnitude) {
        return negative ? 0.0 - magnitude : magnitude;
    }
}
