package io.altokit.model;

import java.util.List;

/**
 * RFC 8896 section 4.1 CalendarAttributes, one element of a cost service's
 * {@code calendar-attributes} capability: the cost types named have calendars of
 * {@code numberOfIntervals} intervals of {@code timeIntervalSize} seconds (a JSONNumber: the RFC
 * allows fractions such as 0.1; this server offers whole seconds).
 *
 * @param costTypeNames IRD cost type names, each in at most one element of a resource's list
 */
public record CalendarAttributes(List<String> costTypeNames, double timeIntervalSize, int numberOfIntervals) {

    public CalendarAttributes {
        costTypeNames = List.copyOf(costTypeNames);
        if (costTypeNames.isEmpty()) {
            throw new IllegalArgumentException("calendar attributes must name at least one cost type");
        }
        if (!(timeIntervalSize > 0) || Double.isInfinite(timeIntervalSize) || numberOfIntervals < 1) {
            throw new IllegalArgumentException(numberOfIntervals + " intervals of " + timeIntervalSize + " s");
        }
    }
}
