package io.altokit.server;

import io.altokit.model.CalendarCostMapResponse;
import io.altokit.model.CalendarResponseAttributes;
import io.altokit.model.CostSelection;
import io.altokit.model.CostTable;
import io.altokit.model.VersionTag;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Filtered cost map and endpoint cost answers with cost calendars (RFC 8896 4.2.2, 4.3.2): each
 * calendared type's values per interval, and {@code calendar-response-attributes} whose
 * {@code calendar-start-time} is the start of the calendar period that holds the request's time on
 * the server's wall clock, so the interval in force when asked is always in the answer.
 */
final class CalendarAnswers {
    private final Clock clock;

    CalendarAnswers(Clock clock) {
        this.clock = clock;
    }

    /** The answer to {@code asked}, whose {@code plan} calendars at least one type, over these locations. */
    CalendarCostMapResponse answer(List<VersionTag> dependentVtags, CostSelection asked, CostPlan plan,
                                   List<CostQuery.Location> srcs, List<CostQuery.Location> dsts) {
        List<List<CostTable>> tables = CostQuery.computeCalendars(srcs, dsts, plan);
        return new CalendarCostMapResponse(dependentVtags, asked.costTypes(), asked.multiCost(),
                plan.calendars().stream().map(Optional::isPresent).toList(), tables, attributes(asked, plan, clock.instant()));
    }

    /**
     * One element per calendar shape and start, naming its types in a multi-cost answer; a single-cost
     * answer has one element and names none, as the RFC's examples do.
     */
    private static List<CalendarResponseAttributes> attributes(CostSelection asked, CostPlan plan, Instant now) {
        record Shape(Instant start, long intervalSeconds, int intervals, OptionalInt repeated) {
        }
        Map<Shape, List<String>> names = new LinkedHashMap<>();
        for (int t = 0; t < plan.calendars().size(); t++) {
            String name = OfferedCosts.name(plan.answered().get(t).type());
            plan.calendars().get(t).ifPresent(calendar -> names.computeIfAbsent(
                    new Shape(calendar.start(now), calendar.intervalSeconds(), calendar.size(), calendar.repeated()),
                    shape -> new ArrayList<>()).add(name));
        }
        List<CalendarResponseAttributes> attributes = new ArrayList<>(names.size());
        names.forEach((shape, typeNames) -> attributes.add(new CalendarResponseAttributes(asked.multiCost() ? typeNames : List.of(),
                shape.start(), shape.intervalSeconds(), shape.intervals(), shape.repeated())));
        return attributes;
    }
}
