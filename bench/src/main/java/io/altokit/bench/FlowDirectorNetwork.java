package io.altokit.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;

/**
 * Writes a network of the shape of the one published ALTO deployment at operator scale (Benocs Flow
 * Director at Deutsche Telekom: about 750 internal PIDs, 950 external ones, one per ingress point, and
 * 250k prefixes) as the files an operator would give {@code alto serve}: a network file, and RTT and
 * hop-count matrices (PID x PID CSV) rated into routingcost. Same arguments, same bytes.
 *
 * <p>Internal PIDs are points of presence scattered over an 800 km square; an external PID is an
 * ingress point at one of them plus the neighbour's own distance (2 to 80 ms, 1 to 3 hops), so costs
 * look like a backbone's: RTT 1 ms + 13 us per km (1.3 x great-circle fibre, there and back), one hop
 * per 250 km. Prefixes come from {@link SyntheticNetwork} (BGP-table lengths, nested, spread evenly).
 *
 * <pre>
 * java -cp altokit.jar:classes io.altokit.bench.FlowDirectorNetwork DIR PIDS [INTERNAL IPV4 IPV6 SEED]
 *   defaults: INTERNAL = PIDS * 750 / 1700, IPV4 = PIDS * 150, IPV6 = PIDS * 30, SEED = 16
 * </pre>
 */
public final class FlowDirectorNetwork {

    private static final double SQUARE_KM = 800;

    private final int pids;
    private final int internal;
    private final double[] x;
    private final double[] y;
    /** For an external PID the internal PID it enters at; an internal PID is its own. */
    private final int[] ingress;
    private final double[] extraMs;
    private final int[] extraHops;

    private FlowDirectorNetwork(int pids, int internal, SplittableRandom random) {
        this.pids = pids;
        this.internal = internal;
        x = new double[pids];
        y = new double[pids];
        ingress = new int[pids];
        extraMs = new double[pids];
        extraHops = new int[pids];
        for (int pid = 0; pid < pids; pid++) {
            if (pid < internal) {
                ingress[pid] = pid;
                x[pid] = random.nextDouble(SQUARE_KM);
                y[pid] = random.nextDouble(SQUARE_KM);
            } else {
                ingress[pid] = random.nextInt(internal);
                extraMs[pid] = Math.round(random.nextDouble(2, 80) * 10) / 10.0;
                extraHops[pid] = random.nextInt(1, 4);
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 6) {
            System.err.println("usage: FlowDirectorNetwork DIR PIDS [INTERNAL IPV4 IPV6 SEED]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int pids = Integer.parseInt(args[1]);
        int internal = args.length > 2 ? Integer.parseInt(args[2]) : Math.max(1, pids * 750 / 1700);
        int ipv4 = args.length > 3 ? Integer.parseInt(args[3]) : pids * 150;
        int ipv6 = args.length > 4 ? Integer.parseInt(args[4]) : pids * 30;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 16;
        if (internal < 1 || internal > pids) {
            throw new IllegalArgumentException("INTERNAL must be 1 to PIDS, got " + internal);
        }
        write(dir, pids, internal, ipv4, ipv6, seed);
        System.out.printf("%s: %d PIDs (%d internal), %d IPv4 and %d IPv6 prefixes, seed %d%n",
                dir, pids, internal, ipv4, ipv6, seed);
    }

    /** Writes {@code network.yaml}, {@code rtt.csv} and {@code hopcount.csv} into {@code dir}. */
    public static void write(Path dir, int pids, int internal, int ipv4, int ipv6, long seed) throws IOException {
        Files.createDirectories(dir);
        FlowDirectorNetwork network = new FlowDirectorNetwork(pids, internal, new SplittableRandom(seed));
        network.writeNetworkFile(dir.resolve("network.yaml"), SyntheticNetwork.generate(seed, pids, ipv4, ipv6), seed);
        network.writeMatrix(dir.resolve("rtt.csv"), "round-trip time in ms", network::rttTenthsMs, 1);
        network.writeMatrix(dir.resolve("hopcount.csv"), "router hops", network::hops, 0);
    }

    /** The PID name {@link SyntheticNetwork} gives prefixes; internal PIDs are the first {@code internal}. */
    private static String name(int pid) {
        return SyntheticNetwork.pidName(pid);
    }

    private double km(int from, int to) {
        int a = ingress[from];
        int b = ingress[to];
        return Math.hypot(x[a] - x[b], y[a] - y[b]);
    }

    /** In tenths of a ms, so the file holds short exact decimals. */
    private int rttTenthsMs(int from, int to) {
        return (int) Math.round(10 * (1 + 0.013 * km(from, to) + extraMs[from] + extraMs[to]));
    }

    private int hops(int from, int to) {
        return from == to ? 0 : 1 + (int) Math.round(km(from, to) / 250) + extraHops[from] + extraHops[to];
    }

    private void writeNetworkFile(Path file, SyntheticNetwork prefixes, long seed) throws IOException {
        List<List<String>> ipv4 = perPid();
        List<List<String>> ipv6 = perPid();
        prefixes.forEachIpv4((address, length, pid) -> ipv4.get(index(pid)).add(ipv4Text(address, length)));
        prefixes.forEachIpv6((high, low, length, pid) -> ipv6.get(index(pid)).add('"' + ipv6Text(high, length) + '"'));
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("# Generated by bench FlowDirectorNetwork (seed " + seed + "): " + pids + " PIDs, "
                    + name(0) + " to " + name(internal - 1) + " internal points of presence, the other "
                    + (pids - internal) + " external ingress points.\n");
            out.write("network-map:\n");
            for (int pid = 0; pid < pids; pid++) {
                out.write("  " + name(pid) + ": { ipv4: [" + String.join(", ", ipv4.get(pid))
                        + "], ipv6: [" + String.join(", ", ipv6.get(pid)) + "] }\n");
            }
            out.write("resource-pools:\n  rtt: rtt.csv\n  hopcount: hopcount.csv\n");
            out.write("rating:\n  weights: { rtt: 1, hopcount: 1 }\n");
        }
    }

    private List<List<String>> perPid() {
        List<List<String>> lists = new ArrayList<>(pids);
        for (int pid = 0; pid < pids; pid++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private static int index(String pidName) {
        return Integer.parseInt(pidName.substring("pid".length()));
    }

    private static String ipv4Text(int address, int length) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff) + "/" + length;
    }

    /** Prefixes of at most 64 bits: the four high groups, then {@code ::}. */
    private static String ipv6Text(long high, int length) {
        return String.format(Locale.ROOT, "%x:%x:%x:%x::/%d",
                high >>> 48, high >>> 32 & 0xffff, high >>> 16 & 0xffff, high & 0xffff, length);
    }

    /** A square CSV matrix: a header of PIDs, then one row per PID; values are {@code cell} with {@code decimals} decimals. */
    private void writeMatrix(Path file, String what, IntBinaryOperator cell, int decimals) {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("# " + what + " from the row's PID to the column's\n");
            StringBuilder line = new StringBuilder("from/to");
            for (int pid = 0; pid < pids; pid++) {
                line.append(',').append(name(pid));
            }
            out.write(line.append('\n').toString());
            for (int from = 0; from < pids; from++) {
                line.setLength(0);
                line.append(name(from));
                for (int to = 0; to < pids; to++) {
                    line.append(',').append(BigDecimal.valueOf(cell.applyAsInt(from, to), decimals).stripTrailingZeros().toPlainString());
                }
                out.write(line.append('\n').toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
