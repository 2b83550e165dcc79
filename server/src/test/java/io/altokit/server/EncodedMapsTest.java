package io.altokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Representation;
import io.altokit.server.protection.Protection;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A publication re-encodes only the full maps whose content changed; the others keep their bytes. */
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
}
