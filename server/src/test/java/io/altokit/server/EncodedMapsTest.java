package io.altokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.altokit.core.InformationBase;
import io.altokit.core.NetworkMap;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Representation;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.Protection;
import io.altokit.model.AddressType;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.VersionTag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A publication re-encodes only the full maps whose content changed (the others keep their bytes),
 * and a changed map, derived row by row from the one served before, is what encoding it whole gives.
 */
class EncodedMapsTest {

    private static Snapshot network(double routingCost) {
        return Snapshot.builder()
                .pid("east", List.of(IpPrefix.parse("10.1.0.0/16")))
                .pid("west", List.of(IpPrefix.parse("10.2.0.0/16")))
                .cost("routingcost", "east", "west", routingCost)
                .cost("hopcount", "east", "west", 3)
                .build();
    }

    private static Representation get(Dispatcher dispatcher, String path) {
        AltoRequest request = new AltoRequest("GET", path, Optional.empty(), Optional.empty(), Optional.empty(),
                new byte[0], InetAddress.getLoopbackAddress());
        return dispatcher.dispatch(request).body();
    }

    @Test
    void aPublicationReEncodesOnlyTheMapsWhoseCostsChanged() {
        Snapshot first = network(5);
        InformationBase base = new InformationBase(first);
        Dispatcher dispatcher = new Dispatcher(base, ServerConfig.defaults(), Protection.none());
        Representation hopcount = get(dispatcher, "/costmap/num-hopcount");
        Representation routingcost = get(dispatcher, "/costmap/num-routingcost");
        byte[] hopcountGzip = hopcount.gzipped();

        // As an incremental rebuild makes it: the network map and the hopcount matrix shared.
        base.publish(first.withCostsOf(network(7), List.of("routingcost")));

        Representation hopcountAfter = get(dispatcher, "/costmap/num-hopcount");
        Representation routingcostAfter = get(dispatcher, "/costmap/num-routingcost");
        assertThat(hopcountAfter).isSameAs(hopcount);
        assertThat(hopcountAfter.gzipped()).isSameAs(hopcountGzip);
        assertThat(routingcostAfter).isNotSameAs(routingcost);
        assertThat(routingcostAfter.etag()).isNotEqualTo(routingcost.etag());
        assertThat(new String(routingcostAfter.identity(), StandardCharsets.UTF_8)).contains("\"west\":7");
        assertThat(get(dispatcher, "/costmap/num-routingcost")).isSameAs(routingcostAfter);
    }

    @Test
    void aChangedNetworkMapReEncodesEveryMapThatDependsOnIt() {
        InformationBase base = new InformationBase(network(5));
        Dispatcher dispatcher = new Dispatcher(base, ServerConfig.defaults(), Protection.none());
        Representation hopcount = get(dispatcher, "/costmap/num-hopcount");

        base.publish(base.current().toBuilder().pid("north", List.of(IpPrefix.parse("10.3.0.0/16"))).build());

        Representation after = get(dispatcher, "/costmap/num-hopcount");
        assertThat(after).isNotSameAs(hopcount);
        assertThat(new String(after.identity(), StandardCharsets.UTF_8)).contains(base.current().networkMap().vtag());
    }

    @Test
    void aLateEncodingForOlderCatalogsDoesNotReplaceTheNewestOfItsSlot() {
        EncodedMaps maps = new EncodedMaps();
        EncodedMaps.SlotVersion first = maps.slot(PrivacyPolicy.FULL, "/costmap/num-routingcost");
        maps.published();
        EncodedMaps.SlotVersion second = maps.slot(PrivacyPolicy.FULL, "/costmap/num-routingcost");
        maps.published();
        maps.encode(second, String.class, newest -> "second");
        maps.encode(first, String.class, newest -> "first"); // a request still answered from the first catalogs

        EncodedMaps.SlotVersion third = maps.slot(PrivacyPolicy.FULL, "/costmap/num-routingcost");
        maps.published();
        List<Optional<String>> derivedFrom = new ArrayList<>();
        maps.encode(third, String.class, newest -> {
            derivedFrom.add(newest);
            return "third";
        });

        assertThat(derivedFrom).containsExactly(Optional.of("second"));
    }

    @Test
    void aSlotTheNewestCatalogsDoNotHaveLetsItsEncodingGo() {
        EncodedMaps maps = new EncodedMaps();
        EncodedMaps.SlotVersion first = maps.slot(PrivacyPolicy.FULL, "/costmap/num-hopcount");
        maps.published();
        maps.encode(first, String.class, newest -> "first");
        maps.published(); // catalogs without hopcount
        maps.encode(first, String.class, newest -> "late"); // a request still answered from the first catalogs

        EncodedMaps.SlotVersion back = maps.slot(PrivacyPolicy.FULL, "/costmap/num-hopcount");
        maps.published();
        List<Optional<String>> derivedFrom = new ArrayList<>();
        maps.encode(back, String.class, newest -> {
            derivedFrom.add(newest);
            return "back";
        });

        assertThat(derivedFrom).containsExactly(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void everyServedMapEqualsItsWholeEncodingOverRandomizedPublications(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Snapshot.Builder builder = Snapshot.builder().defaultPid("pid00");
        for (int pid = 0; pid < 30; pid++) {
            String name = String.format("pid%02d", pid);
            builder.pid(name, List.of(IpPrefix.parse("10.0." + pid + ".0/24")));
            for (int dst = 0; dst < 30; dst++) {
                builder.cost("routingcost", name, String.format("pid%02d", dst), random.nextInt(200) / 4.0);
                builder.cost("hopcount", name, String.format("pid%02d", dst), random.nextInt(1, 9));
            }
        }
        InformationBase base = new InformationBase(builder.build());
        Dispatcher dispatcher = new Dispatcher(base, ServerConfig.defaults(), Protection.none());
        List<String> maps = List.of("num-routingcost", "ord-routingcost", "num-hopcount", "ord-hopcount");
        for (int step = 0; step < 40; step++) {
            Snapshot current = base.current();
            List<String> pids = current.networkMap().pidNames();
            String src = pids.get(random.nextInt(pids.size()));
            String dst = pids.get(random.nextInt(pids.size()));
            base.publish(switch (random.nextInt(4)) {
                case 0 -> current.toBuilder().pid(src, List.of(IpPrefix.parse("172.16." + step + ".0/24"))).build(); // new vtag, same costs
                case 1 -> current.toBuilder().pid("new" + step, List.of(IpPrefix.parse("172.17." + step + ".0/24")))
                        .cost("hopcount", "new" + step, dst, 3).build(); // another PID: every map whole
                default -> {
                    String metric = random.nextBoolean() ? "routingcost" : "hopcount";
                    Snapshot changed = current.toBuilder().cost(metric, src, dst, random.nextInt(1, 300) / 4.0).build();
                    yield current.withCostsOf(changed, List.of(metric)); // as the publisher's incremental rebuild
                }
            });
            if (random.nextInt(3) != 0) {
                Representation served = get(dispatcher, "/networkmap");
                NetworkMap map = base.current().networkMap();
                byte[] whole = new NetworkMapResource(ServerConfig.defaults().networkMapId(), map, new EncodedMaps(), PrivacyPolicy.FULL)
                        .render(map.pidNames(), Set.of(AddressType.values()));
                assertThat(new String(served.identity(), StandardCharsets.UTF_8)).as("step %d: network map", step)
                        .isEqualTo(new String(whole, StandardCharsets.UTF_8));
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(served.gzipped()))) {
                    assertThat(in.readAllBytes()).as("step %d: network map gzip", step).isEqualTo(served.identity());
                }
            }
            for (String map : maps) {
                if (random.nextInt(3) == 0) {
                    continue; // not fetched in this generation: the next one derives from an older encoding
                }
                Representation served = get(dispatcher, "/costmap/" + map);
                assertThat(new String(served.identity(), StandardCharsets.UTF_8)).as("step %d: %s", step, map)
                        .isEqualTo(new String(plainEncoding(base.current(), map), StandardCharsets.UTF_8));
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(served.gzipped()))) {
                    assertThat(in.readAllBytes()).as("step %d: %s gzip", step, map).isEqualTo(served.identity());
                }
            }
        }
    }

    private static byte[] plainEncoding(Snapshot snapshot, String map) {
        CostMode mode = map.startsWith("ord-") ? CostMode.ORDINAL : CostMode.NUMERICAL;
        String metric = map.substring(4);
        List<String> names = snapshot.networkMap().pidNames();
        List<CostQuery.Location> all = new ArrayList<>();
        for (int pid = 0; pid < names.size(); pid++) {
            all.add(new CostQuery.Location(names.get(pid), pid));
        }
        return ResponseEncoder.costMap(new CostMapResponse(
                List.of(new VersionTag(ServerConfig.defaults().networkMapId(), snapshot.networkMap().vtag())),
                new CostType(metric, mode, Optional.empty()),
                CostQuery.compute(all, all, snapshot.costMatrix(metric).orElseThrow(), mode, List.of())));
    }
}
