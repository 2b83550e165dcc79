package io.altokit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * A metric's costs per time interval, an RFC 8896 cost calendar: {@code intervals.get(i)} holds the
 * costs of the i-th interval of {@code intervalSeconds}. The calendar repeats every period
 * ({@code intervals.size() x intervalSeconds}) counted from the Unix epoch, so a day of 24 hourly
 * intervals starts at 00:00 UTC. The metric's plain {@link CostMatrix} stays what non-calendar
 * requests are answered from.
 *
 * @param repeated for how many periods, the current one included, the operator vouches these values
 *     hold (RFC 8896 {@code repeated}); empty to say nothing
 * @param intervals one matrix per interval, all of the same metric over the same network map
 */
public record CostCalendar(long intervalSeconds, OptionalInt repeated, List<CostMatrix> intervals) {

    public CostCalendar {
        intervals = List.copyOf(intervals);
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("an interval of " + intervalSeconds + " s: it must be at least 1 s");
        }
        if (repeated.isPresent() && repeated.getAsInt() < 1) {
            throw new IllegalArgumentException("repeated " + repeated.getAsInt() + ": it counts the current period, so it is at least 1");
        }
        if (intervals.isEmpty()) {
            throw new IllegalArgumentException("a calendar without intervals");
        }
    }

    /** RFC 8896 {@code number-of-intervals}. */
    public int size() {
        return intervals.size();
    }

    /** How long the calendar covers before it repeats. */
    public Duration period() {
        return Duration.ofSeconds(intervalSeconds).multipliedBy(intervals.size());
    }

    /** RFC 8896 {@code calendar-start-time}: the start of the period that holds {@code now}. */
    public Instant start(Instant now) {
        long period = period().toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), period) * period);
    }

    /** The index of the interval that holds {@code now}. */
    public int intervalAt(Instant now) {
        return (int) ((now.getEpochSecond() - start(now).getEpochSecond()) / intervalSeconds);
    }

    /** Hashes the interval size and every interval's vtag: differs when any cost of the calendar does. */
    public String vtag() {
        ContentHash hash = new ContentHash("altokit cost calendar v1").putString(Long.toString(intervalSeconds))
                .putInt(repeated.orElse(0)).putInt(intervals.size());
        intervals.forEach(interval -> hash.putString(interval.vtag()));
        return hash.tag();
    }

    /** This calendar with {@code change} applied to each interval's matrix. */
    CostCalendar map(UnaryOperator<CostMatrix> change) {
        return new CostCalendar(intervalSeconds, repeated, intervals.stream().map(change).toList());
    }
}
