package io.altokit.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** RFC 8896 cost calendars in a snapshot: their periods, how they travel with it, and the rating's calendar. */
class CostCalendarTest {

    private static final List<String> AREAS = List.of("a", "b", "c");
    private static final long HOUR = 3600;
    private static final double[][] RTT = {{1, 2, 4}, {2, 1, 3}, {4, 3, 1}};
    /** From a, the link to b is quiet at night and congested in the evening; the one to c barely changes. */
    private static final double[][] NIGHT = {{0.1, 0.2, 0.2}, {0.2, 0.1, 0.2}, {0.2, 0.2, 0.1}};
    private static final double[][] EVENING = {{0.1, 0.95, 0.3}, {0.95, 0.1, 0.3}, {0.3, 0.3, 0.1}};
    private static final Rating RATING = new Rating(List.of(Criterion.linear("delay-rt", 1),
            new Criterion("priv:utilization", 1, Penalty.CONGESTION)));

    private static Snapshot.Builder areas() {
        Snapshot.Builder builder = Snapshot.builder();
        for (int i = 0; i < AREAS.size(); i++) {
            builder.pid(AREAS.get(i), Prefixes.of("10." + i + ".0.0/16"));
        }
        return builder;
    }

    /** RTT, plain utilization (the night's), a two-interval utilization calendar, and the rating. */
    private static Snapshot rated() {
        return areas().costs("delay-rt", AREAS, RTT).costs("priv:utilization", AREAS, NIGHT)
                .calendar("priv:utilization", 12 * HOUR, OptionalInt.of(3), AREAS, List.of(NIGHT, EVENING))
                .rating(RATING)
                .build();
    }

    private static double cost(CostMatrix matrix, String src, String dst) {
        return matrix.cost(AREAS.indexOf(src), AREAS.indexOf(dst));
    }

    @Test
    void aPeriodStartsAtAMultipleOfItsLengthSinceTheEpoch() {
        CostCalendar day = rated().calendar("priv:utilization").orElseThrow();
        assertThat(day.period()).hasHours(24);
        Instant afternoon = Instant.parse("2026-12-03T15:30:00Z");
        assertThat(day.start(afternoon)).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
        assertThat(day.intervalAt(afternoon)).isEqualTo(1);
        assertThat(day.intervalAt(Instant.parse("2026-12-03T11:59:59Z"))).isZero();
        assertThat(day.start(Instant.parse("2026-12-03T00:00:00Z"))).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
    }

    @Test
    void theRatingOfEachIntervalRanksTheCongestedLinkLastOnlyAtPeak() {
        Snapshot snapshot = rated();
        CostCalendar rating = snapshot.calendar(Rating.METRIC).orElseThrow();
        assertThat(rating.size()).isEqualTo(2);
        assertThat(rating.intervalSeconds()).isEqualTo(12 * HOUR);
        CostMatrix night = rating.intervals().get(0);
        CostMatrix evening = rating.intervals().get(1);
        assertThat(cost(night, "a", "b")).as("off-peak: nearer b first").isLessThan(cost(night, "a", "c"));
        assertThat(cost(evening, "a", "c")).as("peak: c first, around the congested link").isLessThan(cost(evening, "a", "b"));
        // Utilization is scaled by its maximum over the whole calendar (0.95 costs 7.17), not per interval:
        // a-b at night is (2/4 + 0.2/7.1667) / 2.
        assertThat(cost(night, "a", "b")).isCloseTo((0.5 + 0.2 / (1.0 / 3 + 1 + 7.0 / 3 + 70 * 0.05)) / 2, within(1e-9));
        assertThat(rating.repeated()).hasValue(3);
        assertThat(snapshot.costMatrix(Rating.METRIC)).as("the plain rating stays").isPresent();
    }

    @Test
    void theCalendarTravelsWithTheSnapshotAndChangesItsCostTag() {
        Snapshot snapshot = rated();
        Snapshot otherEvening = areas().costs("delay-rt", AREAS, RTT).costs("priv:utilization", AREAS, NIGHT)
                .calendar("priv:utilization", 12 * HOUR, OptionalInt.of(3), AREAS, List.of(NIGHT, NIGHT))
                .rating(RATING).build();
        assertThat(otherEvening.costMatrix("priv:utilization").orElseThrow().vtag())
                .isEqualTo(snapshot.costMatrix("priv:utilization").orElseThrow().vtag());
        assertThat(otherEvening.costTag("priv:utilization")).isNotEqualTo(snapshot.costTag("priv:utilization"));

        Snapshot withRoutes = snapshot.toBuilder().pid("d", Prefixes.of("10.9.0.0/16")).build();
        CostMatrix eveningWithD = withRoutes.calendar("priv:utilization").orElseThrow().intervals().get(1);
        assertThat(eveningWithD.cost(0, 1)).isEqualTo(0.95);
        assertThat(withRoutes.calendar(Rating.METRIC)).isPresent();

        Snapshot quantised = snapshot.withQuantisedCosts(1);
        CostMatrix coarse = quantised.calendar("priv:utilization").orElseThrow().intervals().get(1);
        assertThat(cost(coarse, "a", "b")).as("a privacy policy's quantisation covers the calendar too")
                .isEqualTo(cost(coarse, "a", "c"));
        assertThat(snapshot.withAggregatedPrefixes().calendars()).containsOnlyKeys("priv:utilization", Rating.METRIC);
    }

    @Test
    void plainCostsGivenAnewDropAnInheritedCalendar() {
        Snapshot next = rated().costsBuilder().costs("priv:utilization", AREAS, EVENING).build();
        assertThat(next.calendar("priv:utilization")).isEmpty();
        assertThat(next.calendar(Rating.METRIC)).as("not rated again: the inherited rating keeps its calendar").isPresent();
    }

    @Test
    void aCalendarNeedsPlainCostsAndRatedCalendarsTheSameIntervals() {
        assertThatThrownBy(() -> areas().calendar("delay-rt", HOUR, OptionalInt.empty(), AREAS, List.<double[][]>of(RTT)).build())
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("cost calendar \"delay-rt\" has no plain costs");
        assertThatThrownBy(() -> areas().costs("delay-rt", AREAS, RTT).costs("priv:utilization", AREAS, NIGHT)
                .calendar("delay-rt", HOUR, OptionalInt.empty(), AREAS, List.of(RTT, RTT, RTT))
                .calendar("priv:utilization", HOUR, OptionalInt.empty(), AREAS, List.of(NIGHT, EVENING))
                .rating(RATING).build())
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("the calendars of rated metrics [delay-rt, priv:utilization] must have the same intervals");
        double[][] negative = {{1, -2, 4}, {2, 1, 3}, {4, 3, 1}};
        assertThatThrownBy(() -> areas().costs("delay-rt", AREAS, RTT)
                .calendar("delay-rt", HOUR, OptionalInt.empty(), AREAS, List.of(RTT, negative)).build())
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("cost \"delay-rt\" from \"a\" to \"b\" is -2.0");
    }
}
