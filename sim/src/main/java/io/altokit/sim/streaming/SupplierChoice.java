package io.altokit.sim.streaming;

/**
 * Whom a peer pulls one chunk from: it is told each neighbour that holds the chunk and has a free
 * upload slot, with what the link costs (the policy's view: the ALTO cost for ALTO policies), the
 * rate the neighbour would send at and when the chunk would arrive from it. A neighbour from whom
 * the chunk would arrive after its deadline is never chosen. Among the others, those sending at
 * least the "fast enough" rate win, the cheapest of them first and, at equal cost, the earliest
 * arrival; when none is fast enough, the earliest arrival wins (the cheaper at equal times).
 * Reused for every chunk: nothing is allocated per choice.
 */
final class SupplierChoice {
    private final int[] node;
    private final double[] cost;
    private final double[] rateBps;
    private final double[] arrivalS;
    private int count;

    /** @param capacity the most holders one choice is told about (the neighbour count) */
    SupplierChoice(int capacity) {
        node = new int[capacity];
        cost = new double[capacity];
        rateBps = new double[capacity];
        arrivalS = new double[capacity];
    }

    void clear() {
        count = 0;
    }

    void add(int holder, double linkCost, double rate, double arrival) {
        node[count] = holder;
        cost[count] = linkCost;
        rateBps[count] = rate;
        arrivalS[count] = arrival;
        count++;
    }

    /** @return the chosen holder, or -1 when the chunk could arrive in time from none of them */
    int choose(double deadlineS, double fastEnoughBps) {
        int fast = -1;
        int any = -1;
        for (int i = 0; i < count; i++) {
            if (arrivalS[i] > deadlineS) {
                continue;
            }
            if (rateBps[i] >= fastEnoughBps && (fast < 0 || cheaperThenSooner(i, fast))) {
                fast = i;
            }
            if (any < 0 || soonerThenCheaper(i, any)) {
                any = i;
            }
        }
        int chosen = fast >= 0 ? fast : any;
        return chosen < 0 ? -1 : node[chosen];
    }

    private boolean cheaperThenSooner(int i, int j) {
        return cost[i] < cost[j] || cost[i] == cost[j] && arrivalS[i] < arrivalS[j];
    }

    private boolean soonerThenCheaper(int i, int j) {
        return arrivalS[i] < arrivalS[j] || arrivalS[i] == arrivalS[j] && cost[i] < cost[j];
    }
}
