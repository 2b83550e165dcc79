package io.altokit.app.trial;

import io.altokit.sim.topology.CapacityClass;
import io.altokit.sim.topology.CapacityMix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Who is where in a trial: peers dealt round-robin over the areas (the super-seed, peer 0, in area 1);
 * the downloading peers' access links in the paper's Table 1 shares (the counts rounded by largest
 * remainder, so that even 8 peers get every class its share allows) and their roles, half seeders and
 * half leechers, both shuffled by the seed: one seed, one plan.
 */
public record TrialPlan(int areas, long seed, List<TrialPeer> peers) {

    public TrialPlan {
        peers = List.copyOf(peers);
    }

    /** The plan for {@code peerCount} peers (the super-seed included) in {@code areas} areas. */
    public static TrialPlan of(int areas, int peerCount, long seed) {
        if (areas < 2 || areas > AddressPlan.MAX_AREAS) {
            throw new IllegalArgumentException("--areas must be 2 to " + AddressPlan.MAX_AREAS + " (inter-area traffic needs two), got " + areas);
        }
        if (peerCount < areas + 1 || peerCount > areas * AddressPlan.MAX_PEERS_PER_AREA) {
            throw new IllegalArgumentException("--peers must be " + (areas + 1) + " to " + areas * AddressPlan.MAX_PEERS_PER_AREA
                    + " for " + areas + " areas (a downloader in every area), got " + peerCount);
        }
        Random random = new Random(seed);
        int downloaders = peerCount - 1;
        List<AccessLink> links = shuffled(accessLinks(CapacityMix.PAPER_TABLE_1, downloaders), random);
        List<Role> roles = shuffled(roles(downloaders), random);
        List<TrialPeer> peers = new ArrayList<>();
        peers.add(peer(0, areas, Role.SUPER_SEED, AccessLink.SUPER_SEED));
        for (int id = 1; id < peerCount; id++) {
            peers.add(peer(id, areas, roles.get(id - 1), links.get(id - 1)));
        }
        return new TrialPlan(areas, seed, peers);
    }

    /** {@code count} links in the mix's shares: each class its whole part, the rest to the largest fractions. */
    static List<AccessLink> accessLinks(CapacityMix mix, int count) {
        List<CapacityClass> classes = mix.classes();
        int[] counts = new int[classes.size()];
        double[] fractions = new double[classes.size()];
        int dealt = 0;
        for (int c = 0; c < classes.size(); c++) {
            double exact = classes.get(c).share() * count;
            counts[c] = (int) Math.floor(exact);
            fractions[c] = exact - counts[c];
            dealt += counts[c];
        }
        List<Integer> byFraction = IntStream.range(0, classes.size()).boxed()
                .sorted((a, b) -> Double.compare(fractions[b], fractions[a])).toList();
        for (int i = 0; dealt < count; i++, dealt++) {
            counts[byFraction.get(i)]++;
        }
        List<AccessLink> links = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            links.addAll(Collections.nCopies(counts[c], AccessLink.of(classes.get(c))));
        }
        return links;
    }

    private static List<Role> roles(int downloaders) {
        List<Role> roles = new ArrayList<>(Collections.nCopies(downloaders / 2, Role.SEEDER));
        roles.addAll(Collections.nCopies(downloaders - downloaders / 2, Role.LEECHER));
        return roles;
    }

    private static <T> List<T> shuffled(List<T> items, Random random) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static TrialPeer peer(int id, int areas, Role role, AccessLink link) {
        int area = id % areas + 1;
        return new TrialPeer(id, area, role, link, AddressPlan.peerAddress(area, id / areas));
    }

    public TrialPeer superSeed() {
        return peers.getFirst();
    }

    public List<TrialPeer> downloaders() {
        return peers.stream().filter(TrialPeer::downloads).toList();
    }

    public List<TrialPeer> inArea(int area) {
        return peers.stream().filter(peer -> peer.area() == area).toList();
    }

    /** The largest number of peers in one area. */
    public int largestArea() {
        return IntStream.rangeClosed(1, areas).map(area -> inArea(area).size()).max().orElseThrow();
    }
}
