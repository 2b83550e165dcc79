package io.altokit.model;

import java.util.List;

/**
 * A filtered cost map or endpoint cost map with cost calendars (RFC 8896 4.2.2, 4.3.2): per answered
 * cost type one table, or one table per interval for a calendared type, all over the same sources,
 * destinations and present pairs. A single-cost answer ({@code multiCost} false) writes each cost as
 * its calendar array; a multi-cost one writes an array per pair holding, per cost type, a calendar
 * array or a single value.
 *
 * @param calendared per cost type, whether it is answered as a calendar
 * @param tables per cost type, in {@code costTypes} order: one per interval if calendared, else one
 * @param calendars the {@code calendar-response-attributes}, one per group of calendared cost types
 */
public record CalendarCostMapResponse(List<VersionTag> dependentVtags, List<CostType> costTypes, boolean multiCost,
                                      List<Boolean> calendared, List<List<CostTable>> tables,
                                      List<CalendarResponseAttributes> calendars) {

    public CalendarCostMapResponse {
        dependentVtags = List.copyOf(dependentVtags);
        costTypes = List.copyOf(costTypes);
        calendared = List.copyOf(calendared);
        tables = tables.stream().map(List::copyOf).toList();
        calendars = List.copyOf(calendars);
        if (costTypes.isEmpty() || tables.size() != costTypes.size() || calendared.size() != costTypes.size()
                || !multiCost && costTypes.size() != 1) {
            throw new IllegalArgumentException(tables.size() + " table lists and " + calendared.size() + " flags for "
                    + costTypes.size() + " cost types");
        }
        CostTable shape = tables.getFirst().getFirst();
        for (int t = 0; t < tables.size(); t++) {
            if (tables.get(t).isEmpty() || !calendared.get(t) && tables.get(t).size() != 1) {
                throw new IllegalArgumentException(tables.get(t).size() + " tables for cost type " + costTypes.get(t));
            }
            for (CostTable table : tables.get(t)) {
                if (!table.srcs().equals(shape.srcs()) || !table.dsts().equals(shape.dsts())) {
                    throw new IllegalArgumentException("every table of a calendared map must cover the same sources and destinations");
                }
                for (int k = 0; k < shape.values().length; k++) {
                    if (Double.isNaN(table.values()[k]) != Double.isNaN(shape.values()[k])) {
                        throw new IllegalArgumentException("every table of a calendared map must cover the same pairs");
                    }
                }
            }
        }
    }

    /** The sources and destinations, with the presence of each pair. */
    public CostTable shape() {
        return tables.getFirst().getFirst();
    }
}
