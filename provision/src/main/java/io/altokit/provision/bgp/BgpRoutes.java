package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;
import io.altokit.core.NetworkMap;
import io.altokit.core.PrefixKey;
import io.altokit.core.Snapshot;
import io.altokit.provision.publish.Routes;

import java.util.List;

/**
 * The BGP routes at one moment: each prefix with the PID of the route that counts, plus the PIDs
 * the rules name (they exist even while no route carries them). Immutable once made.
 *
 * @param best each prefix once, with its index into {@code pidNames}; never modified
 */
record BgpRoutes(RouteList best, List<String> pidNames, List<String> rulePids) implements Routes {

    @Override
    public void addTo(Snapshot.Builder builder, Snapshot network) {
        rulePids.forEach(pid -> builder.pid(pid, List.of()));
        PrefixMap listed = prefixesOf(network.networkMap());
        best.forEach((family, high, low, length, pid) -> {
            if (listed.get(family, high, low, length) == PrefixMap.ABSENT) {
                builder.prefix(pidNames.get(pid), family, high, low, length);
            }
        });
    }

    @Override
    public int size() {
        return best.size();
    }

    /** The prefixes the network file assigns itself (default routes included): routes for them are ignored. */
    private static PrefixMap prefixesOf(NetworkMap map) {
        PrefixMap prefixes = new PrefixMap();
        for (int pid = 0; pid < map.size(); pid++) {
            for (AddressFamily family : AddressFamily.values()) {
                map.prefixes(pid, family).forEach(prefix -> prefixes.put(PrefixKey.of(prefix), 0));
            }
        }
        return prefixes;
    }
}
