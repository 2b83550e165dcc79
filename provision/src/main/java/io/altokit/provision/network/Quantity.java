package io.altokit.provision.network;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the values of a matrix file measure, the range they must lie in, and how they become the
 * unit of their cost metric.
 *
 * @param what e.g. "a round-trip time in ms", for error messages
 * @param decimalShift powers of ten from the file's unit to the metric's (3: ms to microseconds)
 * @param whole whether only whole numbers are values (RFC 9439 4.5.2: a hop count)
 */
record Quantity(String what, double min, double max, int decimalShift, boolean whole) {

    Quantity(String what, double min, double max, int decimalShift) {
        this(what, min, max, decimalShift, false);
    }

    /** Why {@code value} is not one of these quantities (out of range, or a fraction of a whole one), if it is not. */
    Optional<String> check(double value) {
        if (!(value >= min && value <= max)) {
            String range = max == Double.POSITIVE_INFINITY ? "at least " + number(min) : "from " + number(min) + " to " + number(max);
            return Optional.of(number(value) + " is out of range: " + what + " is " + range);
        }
        if (whole && value != Math.rint(value)) {
            return Optional.of(number(value) + " is not a whole number: " + what + " is");
        }
        return Optional.empty();
    }

    /** The value as written, in the metric's unit; shifted in decimal, so 1.1 ms is exactly 1100 microseconds. */
    double toMetricUnit(BigDecimal value) {
        return value.movePointRight(decimalShift).doubleValue();
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
