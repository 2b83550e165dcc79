package io.altokit.sim.flow;

import java.util.Arrays;

/**
 * Flow-level bandwidth sharing: transfers ("flows") cross up to four capacity-limited resources
 * (sender uplink, receiver downlink, the sending and receiving AS's transit links) and share
 * each resource's capacity. All state lives in primitive arrays indexed by flow id; ids are
 * recycled, so a run allocates nothing per transfer.
 *
 * <p>Rates come from progressive filling cut short after {@value #FILL_PASSES} passes: every flow
 * first gets the smallest equal share of its resources; each further pass hands what is left on
 * every resource, in equal shares, to the flows that cross no full resource. A pass never gives a
 * resource more than it has left, so capacities are never exceeded; a few passes come close to the
 * max-min fair rates (exact when bottlenecks do not chain deeper than the passes) for a fraction
 * of the cost of exact water-filling.
 *
 * <p>Units are the caller's (bytes and bytes per second in the simulators). Not thread-safe.
 */
public final class FlowNetwork {
    /** Resources per flow. */
    public static final int PATH = 4;
    /** No resource in this path slot. */
    public static final int NONE = -1;
    private static final int FILL_PASSES = 3;
    /** A resource with less than this share of its capacity left counts as full. */
    private static final double SATURATED = 1e-9;

    private final double[] capacity;
    private final int[] users;
    private final double[] used;

    private int[] path = new int[0];
    private double[] remaining = new double[0];
    private double[] rate = new double[0];
    private double[] startAt = new double[0];
    /** During allocation: the ids of the flows taking part in the current filling pass. */
    private int[] growing = new int[0];
    private int[] sender = new int[0];
    private int[] receiver = new int[0];
    private int[] item = new int[0];
    /** Live flow ids, densely; position[id] is an id's place in it. */
    private int[] live = new int[0];
    private int[] position = new int[0];
    private int liveCount;
    private int[] freeIds = new int[0];
    private int freeCount;
    private int capacityIds;

    /** @param capacity per resource, positive; copied */
    public FlowNetwork(double[] capacity) {
        for (double c : capacity) {
            if (!(c > 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("resource capacities must be positive and finite, got " + c);
            }
        }
        this.capacity = capacity.clone();
        this.users = new int[capacity.length];
        this.used = new double[capacity.length];
    }

    /** What is told about flows as they move. */
    public interface Listener {
        /** {@code amount} more of the flow arrived during the step. */
        void moved(int flow, double amount);

        /** The flow's last unit arrived at {@code time}; its id is recycled after this call. */
        void completed(int flow, double time);
    }

    /**
     * Adds a transfer of {@code amount} that starts moving at {@code startAt} (e.g. a request's
     * round trip later). Unused path slots are {@link #NONE}.
     *
     * @return the flow's id, valid until it completes or is removed
     */
    public int add(double amount, double startAt, int r0, int r1, int r2, int r3, int senderTag, int receiverTag, int itemTag) {
        if (!(amount > 0)) {
            throw new IllegalArgumentException("a flow carries a positive amount, got " + amount);
        }
        int id = freeCount > 0 ? freeIds[--freeCount] : grow();
        path[id * PATH] = r0;
        path[id * PATH + 1] = r1;
        path[id * PATH + 2] = r2;
        path[id * PATH + 3] = r3;
        remaining[id] = amount;
        rate[id] = 0;
        this.startAt[id] = startAt;
        sender[id] = senderTag;
        receiver[id] = receiverTag;
        item[id] = itemTag;
        position[id] = liveCount;
        live[liveCount++] = id;
        return id;
    }

    private int grow() {
        int id = capacityIds++;
        if (id == remaining.length) {
            int size = Math.max(16, remaining.length * 2);
            path = Arrays.copyOf(path, size * PATH);
            remaining = Arrays.copyOf(remaining, size);
            rate = Arrays.copyOf(rate, size);
            startAt = Arrays.copyOf(startAt, size);
            growing = Arrays.copyOf(growing, size);
            sender = Arrays.copyOf(sender, size);
            receiver = Arrays.copyOf(receiver, size);
            item = Arrays.copyOf(item, size);
            live = Arrays.copyOf(live, size);
            position = Arrays.copyOf(position, size);
            freeIds = Arrays.copyOf(freeIds, size);
        }
        return id;
    }

    /** Drops a flow before it completes (its receiver left, say). */
    public void remove(int flow) {
        int at = position[flow];
        int last = live[--liveCount];
        live[at] = last;
        position[last] = at;
        freeIds[freeCount++] = flow;
        rate[flow] = 0;
    }

    /**
     * Shares capacity among the flows started by {@code now}, then moves every flow on by
     * {@code dt} at its rate, telling the listener what moved and what completed (with the
     * completion time inside the step).
     */
    public void step(double now, double dt, Listener listener) {
        allocate(now);
        for (int i = 0; i < liveCount; i++) {
            int flow = live[i];
            double r = rate[flow];
            if (r <= 0) {
                continue;
            }
            double left = remaining[flow];
            double moved = Math.min(left, r * dt);
            remaining[flow] = left - moved;
            listener.moved(flow, moved);
            if (moved == left) {
                listener.completed(flow, now + left / r);
                remove(flow);
                i--; // the last live flow took this place
            }
        }
    }

    void allocate(double now) {
        Arrays.fill(used, 0);
        // Pass 0 over every started flow; later passes only over those that can still grow.
        int count = 0;
        for (int i = 0; i < liveCount; i++) {
            int flow = live[i];
            rate[flow] = 0;
            if (startAt[flow] <= now) {
                growing[count++] = flow;
            }
        }
        for (int pass = 0; pass < FILL_PASSES && count > 0; pass++) {
            Arrays.fill(users, 0);
            for (int i = 0; i < count; i++) {
                for (int k = growing[i] * PATH, end = k + PATH; k < end; k++) {
                    if (path[k] >= 0) {
                        users[path[k]]++;
                    }
                }
            }
            for (int i = 0; i < count; i++) {
                int flow = growing[i];
                double share = Double.POSITIVE_INFINITY;
                for (int k = flow * PATH, end = k + PATH; k < end; k++) {
                    int r = path[k];
                    if (r >= 0) {
                        share = Math.min(share, (capacity[r] - used[r]) / users[r]);
                    }
                }
                if (share > 0 && share != Double.POSITIVE_INFINITY) {
                    rate[flow] += share;
                    for (int k = flow * PATH, end = k + PATH; k < end; k++) {
                        if (path[k] >= 0) {
                            used[path[k]] += share;
                        }
                    }
                }
            }
            if (pass + 1 < FILL_PASSES) { // keep the flows that cross no full resource
                int kept = 0;
                for (int i = 0; i < count; i++) {
                    if (!frozen(growing[i])) {
                        growing[kept++] = growing[i];
                    }
                }
                count = kept;
            }
        }
    }

    /** A flow crossing a full resource cannot grow. */
    private boolean frozen(int flow) {
        for (int k = flow * PATH, end = k + PATH; k < end; k++) {
            int r = path[k];
            if (r >= 0 && capacity[r] - used[r] <= capacity[r] * SATURATED) {
                return true;
            }
        }
        return false;
    }

    public int resources() {
        return capacity.length;
    }

    public double capacity(int resource) {
        return capacity[resource];
    }

    /** The rate allocated on a resource at the last step. */
    public double used(int resource) {
        return used[resource];
    }

    public int liveFlows() {
        return liveCount;
    }

    /** The ids of the live flows, positions {@code 0..liveFlows()-1}. */
    public int liveFlow(int index) {
        return live[index];
    }

    public int sender(int flow) {
        return sender[flow];
    }

    public int receiver(int flow) {
        return receiver[flow];
    }

    public int item(int flow) {
        return item[flow];
    }

    public double remaining(int flow) {
        return remaining[flow];
    }

    /** When the flow starts (started) moving. */
    public double startAt(int flow) {
        return startAt[flow];
    }

    public double rate(int flow) {
        return rate[flow];
    }
}
