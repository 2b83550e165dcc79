package io.altokit.provision.network;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the values of a matrix file measure, the range they must lie in, and how they become the
 * unit of their cost metric.
 *
 * @param what e.g. "a round-trip time in ms", for error messages
 * @param decimalShift powers of ten from the file's unit to the metric's (3: ms to microseconds)
 */
record Quantity(String what, double min, double max, int decimalShift) {

    /** Why {@code value} is out of range, if it is. */
    Optional<String> check(double value) {
        if (value >= min && value <= max) {
            return Optional.empty();
        }
        String range = max == Double.POSITIVE_INFINITY ? "at least " + number(min) : "from " + number(min) + " to " + number(max);
        return Optional.of(number(value) + " is out of range: " + what + " is " + range);
    }

    /** The value as written, in the metric's unit; shifted in decimal, so 1.1 ms is exactly 1100 microseconds. */
    double toMetricUnit(BigDecimal value) {
        return value.movePointRight(decimalShift).doubleValue();
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
