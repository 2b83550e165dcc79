package io.altokit.server;

import io.altokit.core.CostCalendar;
import io.altokit.core.CostMatrix;
import io.altokit.core.OrdinalRanking;
import io.altokit.model.CostConstraint;
import io.altokit.model.CostMode;
import io.altokit.model.CostTable;
import io.altokit.model.CostTest;
import io.altokit.model.CostType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the m x n cost table behind cost maps, filtered cost maps and endpoint cost maps
 * (RFC 7285 6.2): sources and destinations are named locations (PID names or typed addresses)
 * already resolved to PID indexes. Ordinal ranks are relative to the m*n entries; constraints test
 * the returned values; undefined costs and pairs failing a constraint are left out.
 */
final class CostQuery {

    /** A location as it appears in the response, and the PID whose costs it takes. */
    record Location(String name, int pid) {
    }

    private CostQuery() {
    }

    static CostTable compute(List<Location> srcs, List<Location> dsts, CostMatrix matrix,
                             CostMode mode, List<CostConstraint> constraints) {
        double[] values = values(pids(srcs), pids(dsts), matrix, mode, constraints);
        return new CostTable(names(srcs), names(dsts), values);
    }

    /**
     * RFC 8189: one table per answered cost type, each value in its type's mode; a pair is left out of
     * all of them when one of its answered costs is undefined, or when tests are given and no
     * alternative passes in full (a test on an undefined cost fails). Ordinal ranks, tested or answered,
     * are relative to the m*n pairs, as for a single cost type.
     */
    static List<CostTable> compute(List<Location> srcs, List<Location> dsts, CostPlan plan) {
        int[] srcPids = pids(srcs);
        int[] dstPids = pids(dsts);
        Optional<List<CostConstraint>> single = plan.singleTypeConstraints();
        if (single.isPresent()) { // RFC 7285 requests: tested on the distinct pairs, no copies
            CostPlan.Priced priced = plan.answered().getFirst();
            return List.of(new CostTable(names(srcs), names(dsts),
                    values(srcPids, dstPids, priced.matrix(), priced.type().mode(), single.get())));
        }
        Map<CostType, double[]> byType = new HashMap<>();
        double[][] answered = plan.answered().stream().map(priced -> valuesOf(priced, srcPids, dstPids, byType)).toArray(double[][]::new);
        double[][] tested = plan.tested().stream().map(priced -> valuesOf(priced, srcPids, dstPids, byType)).toArray(double[][]::new);
        CostTest[][] alternatives = plan.alternatives().stream().map(tests -> tests.toArray(CostTest[]::new)).toArray(CostTest[][]::new);
        double[][] out = new double[answered.length][];
        for (int t = 0; t < out.length; t++) {
            out[t] = answered[t].clone(); // a type may be both answered and tested: the tested values stay intact
        }
        // Arrays, not lists, in this loop over every pair: iterators over lists of several classes were
        // neither inlined nor scalar-replaced, and cost a filtered map over 400 PIDs 5x its time in garbage.
        int pairs = srcPids.length * dstPids.length;
        for (int k = 0; k < pairs; k++) {
            if (!allPresent(answered, k) || alternatives.length > 0 && !anyPasses(alternatives, tested, k)) {
                for (double[] values : out) {
                    values[k] = Double.NaN;
                }
            }
        }
        List<String> srcNames = names(srcs);
        List<String> dstNames = names(dsts);
        List<CostTable> tables = new ArrayList<>(out.length);
        for (double[] values : out) {
            tables.add(new CostTable(srcNames, dstNames, values));
        }
        return tables;
    }

    /**
     * RFC 8896: per answered type, its table as {@link #compute(List, List, CostPlan)} gives it, or for
     * a type the plan calendars, one table per interval, each value in the type's mode (ordinal ranks
     * within the interval, over the m*n pairs). The pairs are those that computation answers: tests
     * apply to the single values. A pair lacking a cost in some interval is left out of every table.
     */
    static List<List<CostTable>> computeCalendars(List<Location> srcs, List<Location> dsts, CostPlan plan) {
        List<CostTable> single = compute(srcs, dsts, plan);
        int[] srcPids = pids(srcs);
        int[] dstPids = pids(dsts);
        boolean[] lacking = new boolean[srcPids.length * dstPids.length];
        List<List<double[]>> byType = new ArrayList<>(single.size());
        for (int t = 0; t < single.size(); t++) {
            double[] answered = single.get(t).values().clone();
            Optional<CostCalendar> calendar = plan.calendars().get(t);
            if (calendar.isEmpty()) {
                byType.add(List.of(answered));
                continue;
            }
            CostMode mode = plan.answered().get(t).type().mode();
            List<double[]> intervals = new ArrayList<>(calendar.get().size());
            for (CostMatrix interval : calendar.get().intervals()) {
                double[] values = values(srcPids, dstPids, interval, mode, List.of());
                for (int k = 0; k < values.length; k++) {
                    if (Double.isNaN(answered[k])) {
                        values[k] = Double.NaN;
                    } else if (Double.isNaN(values[k])) {
                        lacking[k] = true;
                    }
                }
                intervals.add(values);
            }
            byType.add(intervals);
        }
        List<String> srcNames = names(srcs);
        List<String> dstNames = names(dsts);
        List<List<CostTable>> tables = new ArrayList<>(byType.size());
        for (List<double[]> perType : byType) {
            List<CostTable> typeTables = new ArrayList<>(perType.size());
            for (double[] values : perType) {
                for (int k = 0; k < values.length; k++) {
                    if (lacking[k]) {
                        values[k] = Double.NaN;
                    }
                }
                typeTables.add(new CostTable(srcNames, dstNames, values));
            }
            tables.add(typeTables);
        }
        return tables;
    }

    /** A type's values over the pairs without tests, computed once per metric and mode. */
    private static double[] valuesOf(CostPlan.Priced priced, int[] srcPids, int[] dstPids, Map<CostType, double[]> byType) {
        CostType key = new CostType(priced.type().metric(), priced.type().mode()); // the description does not count
        return byType.computeIfAbsent(key, type -> values(srcPids, dstPids, priced.matrix(), type.mode(), List.of()));
    }

    private static boolean allPresent(double[][] tables, int pair) {
        for (double[] values : tables) {
            if (Double.isNaN(values[pair])) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyPasses(CostTest[][] alternatives, double[][] tested, int pair) {
        for (CostTest[] alternative : alternatives) {
            boolean passes = true;
            for (CostTest test : alternative) {
                double value = tested[test.index()][pair];
                if (Double.isNaN(value) || !test.test(value)) {
                    passes = false;
                    break;
                }
            }
            if (passes) {
                return true;
            }
        }
        return false;
    }

    /**
     * The row-major table over PID indexes: one row per source, NaN where a pair is left out.
     * Endpoints often share PIDs, so each distinct PID pair is costed, ranked and filtered once and
     * the results are then spread over the table; dense ranks depend only on the set of values
     * present, which the distinct pairs share with the whole table.
     */
    static double[] values(int[] srcPids, int[] dstPids, CostMatrix matrix, CostMode mode,
                           List<CostConstraint> constraints) {
        DistinctPids rows = DistinctPids.of(srcPids);
        DistinctPids columns = DistinctPids.of(dstPids);
        int width = columns.pids().length;
        double[] distinct = new double[rows.pids().length * width];
        for (int r = 0; r < rows.pids().length; r++) {
            for (int c = 0; c < width; c++) {
                distinct[r * width + c] = matrix.cost(rows.pids()[r], columns.pids()[c]);
            }
        }
        if (mode == CostMode.ORDINAL) {
            int[] ranks = OrdinalRanking.denseRanks(distinct);
            for (int k = 0; k < distinct.length; k++) {
                distinct[k] = Double.isNaN(distinct[k]) ? Double.NaN : ranks[k];
            }
        }
        if (!constraints.isEmpty()) {
            CostConstraint[] tests = constraints.toArray(CostConstraint[]::new); // one list class or another: not inlined per cell
            for (int k = 0; k < distinct.length; k++) {
                if (!Double.isNaN(distinct[k]) && !meetsAll(tests, distinct[k])) {
                    distinct[k] = Double.NaN;
                }
            }
        }
        if (rows.pids().length == srcPids.length && width == dstPids.length) {
            return distinct; // no PID repeats, as in full cost maps
        }
        double[] values = new double[srcPids.length * dstPids.length];
        for (int i = 0; i < srcPids.length; i++) {
            int row = rows.slots()[i] * width;
            for (int j = 0; j < dstPids.length; j++) {
                values[i * dstPids.length + j] = distinct[row + columns.slots()[j]];
            }
        }
        return values;
    }

    /** The distinct PIDs of a list in first-seen order, and for each list entry its PID's position there. */
    private record DistinctPids(int[] pids, int[] slots) {

        static DistinctPids of(int[] list) {
            int[] table = new int[Integer.highestOneBit(Math.max(1, list.length) * 2) * 2];
            Arrays.fill(table, -1);
            int mask = table.length - 1;
            int[] distinct = new int[list.length];
            int[] slots = new int[list.length];
            int count = 0;
            for (int i = 0; i < list.length; i++) {
                int pid = list[i];
                int slot = (pid * 0x9E3779B9) >>> 7 & mask;
                while (table[slot] >= 0 && distinct[table[slot]] != pid) {
                    slot = (slot + 1) & mask;
                }
                if (table[slot] < 0) {
                    table[slot] = count;
                    distinct[count++] = pid;
                }
                slots[i] = table[slot];
            }
            return new DistinctPids(Arrays.copyOf(distinct, count), slots);
        }
    }

    private static int[] pids(List<Location> locations) {
        int[] pids = new int[locations.size()];
        for (int i = 0; i < pids.length; i++) {
            pids[i] = locations.get(i).pid();
        }
        return pids;
    }

    private static List<String> names(List<Location> locations) {
        String[] names = new String[locations.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = locations.get(i).name();
        }
        return List.of(names);
    }

    private static boolean meetsAll(CostConstraint[] constraints, double value) {
        for (CostConstraint constraint : constraints) {
            if (!constraint.test(value)) {
                return false;
            }
        }
        return true;
    }
}
