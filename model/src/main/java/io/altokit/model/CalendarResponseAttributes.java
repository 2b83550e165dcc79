package io.altokit.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * RFC 8896 sections 4.2.2 and 4.3.2 CalendarResponseAttributes, one element of a calendared answer's
 * {@code calendar-response-attributes}: when the first interval starts, how long each lasts, how many
 * there are, and for how many periods the values are known to stay the same.
 *
 * @param costTypeNames the cost types it applies to, by IRD name; empty (left out) in a single-cost answer
 * @param repeated the number of periods from {@code start}, this one included, whose values are the same; empty to say nothing
 */
public record CalendarResponseAttributes(List<String> costTypeNames, Instant start, long timeIntervalSize,
                                         int numberOfIntervals, OptionalInt repeated) {

    /** RFC 7231 7.1.1.1 IMF-fixdate, the preferred HTTP-date: {@code Mon, 30 Jun 2019 00:00:00 GMT}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    public CalendarResponseAttributes {
        costTypeNames = List.copyOf(costTypeNames);
        if (timeIntervalSize < 1 || numberOfIntervals < 1 || repeated.isPresent() && repeated.getAsInt() < 1) {
            throw new IllegalArgumentException(numberOfIntervals + " intervals of " + timeIntervalSize + " s, repeated " + repeated);
        }
    }

    /** {@code calendar-start-time} as written: an HTTP-date. */
    public String calendarStartTime() {
        return HTTP_DATE.format(start);
    }
}
