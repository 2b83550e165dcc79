package io.altokit.sim.topology;

/**
 * The least inter-AS traffic share any scheduler can reach when every item (a chunk, a piece) has
 * to reach every receiver once: an item must enter each AS holding receivers at least once, except
 * the AS it starts in, and every other copy can come from inside the AS. Delivering it to R
 * receivers spread over A ASes (the origin's not counted) moves R copies of which at least A cross
 * a boundary, so the share cannot fall below A / R. It is a bound on complete delivery: a run whose
 * peers miss items moves fewer copies, and its share is compared with the bound of the whole task.
 */
public final class InterAsBound {
    private InterAsBound() {
    }

    /**
     * @param receiverAs the AS of every receiver, one entry per receiver
     * @param originAs   the AS the item starts in (the source's or the seed's), or -1 for none
     * @return the bound, 0 for no receivers
     */
    public static double share(int[] receiverAs, int originAs) {
        if (receiverAs.length == 0) {
            return 0;
        }
        int max = originAs;
        for (int as : receiverAs) {
            max = Math.max(max, as);
        }
        boolean[] entered = new boolean[max + 1];
        int crossings = 0;
        for (int as : receiverAs) {
            if (as != originAs && !entered[as]) {
                entered[as] = true;
                crossings++;
            }
        }
        return (double) crossings / receiverAs.length;
    }
}
