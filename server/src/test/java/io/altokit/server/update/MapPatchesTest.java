package io.altokit.server.update;

import io.altokit.core.ChangeSet;
import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.model.CostMode;
import io.altokit.server.Dispatcher;
import io.altokit.server.ServerConfig;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;
import io.altokit.server.protection.Protection;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every patch, merge patch or JSON patch, applied with an independent RFC 7396 / RFC 6902
 * implementation (Parsson), turns the map a client holds into exactly the map a fresh GET returns,
 * over a randomized sequence of publications that add, remove and move prefixes and PIDs and change,
 * add and remove costs.
 */
class MapPatchesTest {
    private static final String NETWORK_MAP = ServerConfig.DEFAULT_NETWORK_MAP_ID;
    private static final List<String> METRICS = List.of("routingcost", "hopcount");

    @Test
    void patchedMapsEqualFreshOnesOverRandomChanges() {
        Random random = new Random(20261203);
        InformationBase base = new InformationBase(randomSnapshot(random));
        Dispatcher dispatcher = new Dispatcher(base, ServerConfig.defaults(), Protection.none());
        // Each map twice: one copy follows the merge patches, the other the JSON patches.
        JsonObject mergedNetworkMap = get(dispatcher, "/networkmap");
        JsonObject jsonPatchedNetworkMap = mergedNetworkMap;
        List<JsonObject> mergedCostMaps = new ArrayList<>();
        for (String metric : METRICS) {
            for (CostMode mode : CostMode.values()) {
                mergedCostMaps.add(get(dispatcher, path(metric, mode)));
            }
        }
        List<JsonObject> jsonPatchedCostMaps = new ArrayList<>(mergedCostMaps);
        int patchedCells = 0;
        for (int round = 0; round < 200; round++) {
            Snapshot before = base.current();
            Snapshot next = random.nextInt(4) == 0 ? randomSnapshot(random) : tweak(before, random);
            ChangeSet changes = base.publish(next);
            JsonObject networkMap = get(dispatcher, "/networkmap");
            mergedNetworkMap = mergePatched(mergedNetworkMap, MapPatches.networkMap(NETWORK_MAP, changes));
            assertThat(mergedNetworkMap).as("merge-patched network map after round %d", round).isEqualTo(networkMap);
            jsonPatchedNetworkMap = jsonPatched(jsonPatchedNetworkMap, MapPatches.networkMapJsonPatch(NETWORK_MAP, before, changes));
            assertThat(jsonPatchedNetworkMap).as("JSON-patched network map after round %d", round).isEqualTo(networkMap);
            int map = 0;
            for (String metric : METRICS) {
                for (CostMode mode : CostMode.values()) {
                    JsonObject costMap = get(dispatcher, path(metric, mode));
                    JsonObject merged = mergePatched(mergedCostMaps.get(map), MapPatches.costMap(NETWORK_MAP, metric, mode, changes));
                    assertThat(merged).as("merge-patched %s after round %d", path(metric, mode), round).isEqualTo(costMap);
                    mergedCostMaps.set(map, merged);
                    JsonObject patched = jsonPatched(jsonPatchedCostMaps.get(map),
                            MapPatches.costMapJsonPatch(NETWORK_MAP, metric, mode, before, changes));
                    assertThat(patched).as("JSON-patched %s after round %d", path(metric, mode), round).isEqualTo(costMap);
                    jsonPatchedCostMaps.set(map++, patched);
                }
            }
            patchedCells += changes.costs().values().stream().mapToInt(change -> change.numerical().size()).sum();
        }
        assertThat(patchedCells).as("the sequence changed costs").isGreaterThan(200);
        dispatcher.close();
    }

    @Test
    void oneMorePrefixIsOneAddWhereAMergePatchResendsThePidsPrefixes() {
        Snapshot.Builder builder = Snapshot.builder();
        for (int block = 0; block < 40; block++) {
            builder.pid("big", List.of(IpPrefix.parse("10." + block + ".0.0/16")));
        }
        Snapshot before = builder.build();
        Snapshot after = before.toBuilder().pid("big", List.of(IpPrefix.parse("10.200.0.0/16"))).build();
        ChangeSet changes = ChangeSet.between(before, after);
        String jsonPatch = new String(MapPatches.networkMapJsonPatch(NETWORK_MAP, before, changes).orElseThrow());
        assertThat(jsonPatch).contains("{\"op\":\"add\",\"path\":\"/network-map/big/ipv4/40\",\"value\":\"10.200.0.0/16\"}")
                .doesNotContain("10.0.0.0/16");
        List<Patch> patches = MapPatches.networkMapPatches(NETWORK_MAP, before, changes);
        assertThat(patches).extracting(Patch::mediaType).containsExactly("application/merge-patch+json", "application/json-patch+json");
        assertThat(patches.get(1).body().length).as("the JSON patch is the smaller").isLessThan(patches.get(0).body().length / 4);
    }

    @Test
    void oneChangedCellIsAPatchOfOneCell() {
        Snapshot before = randomSnapshot(new Random(1));
        String src = before.networkMap().pidName(0);
        String dst = before.networkMap().pidName(1);
        Snapshot after = before.toBuilder().cost("routingcost", src, dst, 12345).build();
        ChangeSet changes = ChangeSet.between(before, after);
        assertThat(MapPatches.networkMap(NETWORK_MAP, changes)).as("the network map stayed").isEmpty();
        assertThat(MapPatches.costMap(NETWORK_MAP, "hopcount", CostMode.NUMERICAL, changes)).as("hopcount stayed").isEmpty();
        String text = new String(MapPatches.costMap(NETWORK_MAP, "routingcost", CostMode.NUMERICAL, changes).orElseThrow());
        assertThat(text).startsWith("{\"meta\":{\"dependent-vtags\":[{\"resource-id\":\"" + NETWORK_MAP + "\"")
                .endsWith("\"cost-map\":{\"" + src + "\":{\"" + dst + "\":12345}}}");
    }

    private static String path(String metric, CostMode mode) {
        return "/costmap/" + (mode == CostMode.NUMERICAL ? "num-" : "ord-") + metric;
    }

    /** The merge patch applied; no patch means the map stayed as it was. */
    private static JsonObject mergePatched(JsonObject target, Optional<byte[]> patch) {
        return patch.map(merge -> Json.createMergePatch(read(merge)).apply(target).asJsonObject()).orElse(target);
    }

    /** The JSON patch applied; no patch means the map stayed as it was. */
    private static JsonObject jsonPatched(JsonObject target, Optional<byte[]> patch) {
        return patch.map(operations -> Json.createPatch(readArray(operations)).apply(target)).orElse(target);
    }

    private static JsonArray readArray(byte[] json) {
        try (var reader = Json.createReader(new ByteArrayInputStream(json))) {
            return reader.readArray();
        }
    }

    private static JsonObject get(Dispatcher dispatcher, String path) {
        Reply reply = dispatcher.dispatch(new AltoRequest("GET", path, Optional.empty(), Optional.empty(), Optional.empty(),
                new byte[0], InetAddress.getLoopbackAddress()));
        assertThat(reply.status()).as(path).isEqualTo(200);
        return read(reply.body().identity());
    }

    private static JsonObject read(byte[] json) {
        try (var reader = Json.createReader(new ByteArrayInputStream(json))) {
            return reader.readObject();
        }
    }

    /** Up to 8 PIDs over 10.0.0.0/16 .. 10.15.0.0/16 and a few IPv6 prefixes, random costs, some missing. */
    private static Snapshot randomSnapshot(Random random) {
        Snapshot.Builder builder = Snapshot.builder();
        int pids = 2 + random.nextInt(7);
        List<String> names = new ArrayList<>();
        for (int pid = 0; pid < pids; pid++) {
            names.add("p" + random.nextInt(12));
        }
        names = names.stream().distinct().toList();
        for (int block = 0; block < 16; block++) {
            String pid = names.get(random.nextInt(names.size()));
            builder.pid(pid, List.of(IpPrefix.parse("10." + block + ".0.0/16")));
            if (random.nextInt(3) == 0) {
                builder.pid(pid, List.of(IpPrefix.parse("2001:db8:" + block + "::/48")));
            }
        }
        for (String name : names) {
            builder.pid(name, List.of());
        }
        for (String src : names) {
            for (String dst : names) {
                for (String metric : METRICS) {
                    if (random.nextInt(5) != 0) {
                        builder.cost(metric, src, dst, randomCost(random));
                    }
                }
            }
        }
        return builder.build();
    }

    /** The same PIDs with a few costs changed, as a BGP or matrix update changes them. */
    private static Snapshot tweak(Snapshot snapshot, Random random) {
        Snapshot.Builder builder = snapshot.toBuilder();
        List<String> names = snapshot.networkMap().pidNames();
        Set<List<String>> changed = new HashSet<>();
        for (int change = 0; change < 1 + random.nextInt(3); change++) {
            List<String> cell = List.of(METRICS.get(random.nextInt(METRICS.size())),
                    names.get(random.nextInt(names.size())), names.get(random.nextInt(names.size())));
            if (changed.add(cell)) {
                builder.cost(cell.get(0), cell.get(1), cell.get(2), randomCost(random));
            }
        }
        return builder.build();
    }

    /** Integers and fractions, so both number forms of the encoder are patched. */
    private static double randomCost(Random random) {
        return random.nextBoolean() ? random.nextInt(20) : random.nextInt(2000) / 8.0;
    }
}
