package io.altokit.sim.topology;

import java.util.List;
import java.util.SplittableRandom;

/** The access links peers are drawn from: classes whose shares add up to 1. */
public record CapacityMix(List<CapacityClass> classes) {

    /** The paper's Table 1 (BitTorrent trial): 20 % 128/784 kbps, 40 % 384/1500, 25 % 1000/3000, 15 % 5000/10000. */
    public static final CapacityMix PAPER_TABLE_1 = new CapacityMix(List.of(
            CapacityClass.kbps(0.20, 128, 784), CapacityClass.kbps(0.40, 384, 1500),
            CapacityClass.kbps(0.25, 1000, 3000), CapacityClass.kbps(0.15, 5000, 10000)));

    /**
     * For a 1 Mbps live stream Table 1 does not fit (a fifth of the peers could not even receive
     * it), so streaming uses a broadband mix of the same shape, mean upload 1.75 Mbps: a resource
     * index of 1.75, a loaded but feasible system.
     */
    public static final CapacityMix BROADBAND = new CapacityMix(List.of(
            CapacityClass.kbps(0.20, 512, 4000), CapacityClass.kbps(0.40, 1000, 8000),
            CapacityClass.kbps(0.25, 2000, 16000), CapacityClass.kbps(0.15, 5000, 20000)));

    public CapacityMix {
        classes = List.copyOf(classes);
        double total = classes.stream().mapToDouble(CapacityClass::share).sum();
        if (classes.isEmpty() || Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException("capacity class shares must add up to 1, got " + total);
        }
    }

    /** A class drawn with the classes' shares as probabilities. */
    public CapacityClass draw(SplittableRandom random) {
        double u = random.nextDouble();
        for (CapacityClass c : classes) {
            u -= c.share();
            if (u < 0) {
                return c;
            }
        }
        return classes.getLast();
    }

    public double meanUplinkBps() {
        return classes.stream().mapToDouble(c -> c.share() * c.uplinkBps()).sum();
    }
}
