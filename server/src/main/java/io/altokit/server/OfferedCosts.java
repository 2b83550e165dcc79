package io.altokit.server;

import io.altokit.core.CostCalendar;
import io.altokit.core.CostMatrix;
import io.altokit.core.Snapshot;
import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.CalendarAttributes;
import io.altokit.model.CostMode;
import io.altokit.model.CostSelection;
import io.altokit.model.CostTest;
import io.altokit.model.CostType;
import io.altokit.model.Directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.IntFunction;

/**
 * The cost types the server offers for a snapshot: every metric in each mode the client's privacy
 * policy allows (both without one), named "num-&lt;metric&gt;" and "ord-&lt;metric&gt;" in the directory.
 */
final class OfferedCosts {
    private final Snapshot snapshot;
    private final Set<CostMode> modes;
    private final Map<String, CostType> byName = new LinkedHashMap<>();

    OfferedCosts(Snapshot snapshot, Set<CostMode> modes) {
        this.snapshot = snapshot;
        this.modes = modes;
        for (String metric : snapshot.metrics()) {
            for (CostMode mode : modes) {
                CostType type = new CostType(metric, mode);
                byName.put(name(type), type);
            }
        }
    }

    static String name(CostType type) {
        return (type.mode() == CostMode.NUMERICAL ? "num-" : "ord-") + type.metric();
    }

    Map<String, CostType> byName() {
        return byName;
    }

    /**
     * The capabilities of a service answering in any offered cost type, with constraints on every one
     * (RFC 7285 11.3.2.4) and any number of them at once (RFC 8189 4.1.1).
     */
    Directory.Capabilities capabilities() {
        return Directory.Capabilities.costService(List.copyOf(byName.keySet()), byName.size(), List.of())
                .withCalendars(calendarAttributes());
    }

    /**
     * RFC 8896 4.1: the offered cost types whose metric has a cost calendar, one element per calendar
     * shape (interval size and number of intervals), so each type name is in exactly one.
     */
    List<CalendarAttributes> calendarAttributes() {
        record Shape(long intervalSeconds, int intervals) {
        }
        Map<Shape, List<String>> names = new LinkedHashMap<>();
        byName.forEach((name, type) -> snapshot.calendar(type.metric()).ifPresent(calendar ->
                names.computeIfAbsent(new Shape(calendar.intervalSeconds(), calendar.size()), shape -> new ArrayList<>()).add(name)));
        return names.entrySet().stream()
                .map(shape -> new CalendarAttributes(shape.getValue(), shape.getKey().intervalSeconds(), shape.getKey().intervals()))
                .toList();
    }

    /**
     * As {@link #capabilities()}, but constraints test only numerical cost types (RFC 8189
     * {@code testable-cost-type-names}): an ordinal rank depends on the other pairs asked, so a test on it
     * says little. When the policy offers no numerical type, every type stays testable.
     */
    Directory.Capabilities numericalTestable() {
        List<String> numerical = byName.entrySet().stream()
                .filter(type -> type.getValue().mode() == CostMode.NUMERICAL).map(Map.Entry::getKey).toList();
        return Directory.Capabilities.costService(List.copyOf(byName.keySet()), byName.size(), numerical)
                .withCalendars(calendarAttributes());
    }

    /**
     * The matrices behind a request's cost selection, checked against what its resource offers (RFC 8189
     * 4.1.2, 4.2.2): no more multi-cost types than {@code max-cost-types}, every type offered, and tests
     * only on testable types. Each failure is E_INVALID_FIELD_VALUE naming the field at fault. A type
     * flagged {@code calendared} is answered with its calendar when the resource lists one for it in
     * {@code calendar-attributes}; otherwise the flag is ignored and the type answered with single
     * values, as RFC 8896 4.2.1 says.
     */
    CostPlan plan(CostSelection asked, Directory.Capabilities offered) {
        if (asked.multiCost() && asked.costTypes().size() > offered.maxCostTypes()) {
            throw new AltoException(AltoError.invalidValue("multi-cost-types"));
        }
        List<CostPlan.Priced> answered = priced(asked.costTypes(),
                i -> asked.multiCost() ? "multi-cost-types[" + i + "]" : "cost-type");
        Set<String> testable = Set.copyOf(offered.testableNames());
        List<CostPlan.Priced> tested;
        if (asked.testableCostTypes().isPresent()) {
            tested = priced(asked.testableCostTypes().get(), i -> "testable-cost-types[" + i + "]");
            for (int i = 0; i < tested.size(); i++) {
                String name = name(tested.get(i).type());
                if (!testable.contains(name)) {
                    throw new AltoException(AltoError.invalidValue("testable-cost-types[" + i + "]", name));
                }
            }
        } else {
            tested = answered;
            String field = asked.disjunctive() ? "or-constraints" : "constraints";
            for (List<CostTest> alternative : asked.alternatives()) {
                for (CostTest test : alternative) {
                    if (!testable.contains(name(tested.get(test.index()).type()))) {
                        throw new AltoException(AltoError.invalidValue(field, test.wireText(asked.isPlain())));
                    }
                }
            }
        }
        return new CostPlan(answered, tested, asked.alternatives(), calendars(asked, answered, offered));
    }

    /** Per answered type, its calendar if asked for and listed by the resource; nothing otherwise (RFC 8896 4.2.1). */
    private List<Optional<CostCalendar>> calendars(CostSelection asked, List<CostPlan.Priced> answered, Directory.Capabilities offered) {
        if (!asked.calendared().contains(true)) {
            return Collections.nCopies(answered.size(), Optional.empty());
        }
        Set<String> listed = offered.calendarAttributes().stream()
                .flatMap(calendar -> calendar.costTypeNames().stream()).collect(Collectors.toSet());
        List<Optional<CostCalendar>> calendars = new ArrayList<>(answered.size());
        for (int i = 0; i < answered.size(); i++) {
            CostType type = answered.get(i).type();
            calendars.add(asked.calendared(i) && listed.contains(name(type)) ? snapshot.calendar(type.metric()) : Optional.empty());
        }
        return calendars;
    }

    /** Each type with its matrix; {@code field} names the i-th type's place in the request for errors. */
    private List<CostPlan.Priced> priced(List<CostType> types, IntFunction<String> field) {
        List<CostPlan.Priced> priced = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            priced.add(new CostPlan.Priced(types.get(i), matrixFor(types.get(i), field.apply(i))));
        }
        return priced;
    }

    /** The matrix behind a requested cost type, or the RFC 7285 error naming {@code field} for a type not offered. */
    CostMatrix matrixFor(CostType requested, String field) {
        if (!modes.contains(requested.mode())) {
            throw new AltoException(AltoError.invalidValue(field + "/cost-mode", requested.mode().wireName()));
        }
        return snapshot.costMatrix(requested.metric())
                .orElseThrow(() -> new AltoException(AltoError.invalidValue(field + "/cost-metric", requested.metric())));
    }
}
