package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Lookups against a linear scan over thousands of random, heavily nested prefixes. */
class LongestPrefixMatchTest {

    private static final int PREFIXES = 2_000;
    private static final int RANDOM_ADDRESSES = 2_000;

    private record Route(BigInteger network, int length, String pid) {}

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void agreesWithLinearScan(AddressFamily family) {
        Random random = new Random(20240611L + family.ordinal());
        int bits = family.bits();
        List<Route> routes = randomRoutes(random, bits);
        Snapshot.Builder builder = Snapshot.builder();
        routes.forEach(route -> builder.pid(route.pid(), List.of(new IpPrefix(address(route.network(), bits), route.length()))));
        NetworkMap map = builder.build().networkMap();

        List<BigInteger> probes = new ArrayList<>();
        BigInteger top = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        for (Route route : routes) {
            BigInteger last = route.network().or(hostMask(bits, route.length()));
            probes.addAll(List.of(route.network(), last));
            if (route.network().signum() > 0) {
                probes.add(route.network().subtract(BigInteger.ONE));
            }
            if (!last.equals(top)) {
                probes.add(last.add(BigInteger.ONE));
            }
        }
        for (int i = 0; i < RANDOM_ADDRESSES; i++) {
            probes.add(new BigInteger(bits, random));
        }

        for (BigInteger probe : probes) {
            InetAddress address = address(probe, bits);
            assertThat(map.pidName(map.lookup(address)))
                    .as("PID of %s", address.getHostAddress())
                    .isEqualTo(linearScan(routes, probe, bits));
        }
    }

    /** Half the prefixes extend an earlier one, so nesting runs deep; lengths cover 0..bits. */
    private static List<Route> randomRoutes(Random random, int bits) {
        List<Route> routes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (routes.size() < PREFIXES) {
            int length = random.nextInt(bits + 1);
            BigInteger address = new BigInteger(bits, random);
            if (!routes.isEmpty() && random.nextBoolean()) {
                Route parent = routes.get(random.nextInt(routes.size()));
                length = parent.length() + random.nextInt(bits - parent.length() + 1);
                address = parent.network().or(address.and(hostMask(bits, parent.length())));
            }
            BigInteger network = address.andNot(hostMask(bits, length));
            if (seen.add(network + "/" + length)) {
                routes.add(new Route(network, length, "pid" + random.nextInt(40)));
            }
        }
        return routes;
    }

    private static String linearScan(List<Route> routes, BigInteger address, int bits) {
        Route best = null;
        for (Route route : routes) {
            boolean contains = address.andNot(hostMask(bits, route.length())).equals(route.network());
            if (contains && (best == null || route.length() > best.length())) {
                best = route;
            }
        }
        return best == null ? "default" : best.pid();
    }

    private static BigInteger hostMask(int bits, int length) {
        return BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
    }

    private static InetAddress address(BigInteger value, int bits) {
        byte[] bytes = new byte[bits / 8];
        byte[] magnitude = value.toByteArray();
        int copied = Math.min(magnitude.length, bytes.length);
        System.arraycopy(magnitude, magnitude.length - copied, bytes, bytes.length - copied, copied);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
