package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VersionTagTest {

    private static Snapshot.Builder base() {
        return Snapshot.builder()
                .pid("east", Prefixes.of("10.1.0.0/16", "2001:db8:1::/48", "10.11.0.0/16"))
                .pid("west", Prefixes.of("10.2.0.0/16"))
                .cost("routingcost", "east", "west", 5)
                .cost("routingcost", "west", "east", 7);
    }

    @Test
    void sameContentInAnotherOrderGivesTheSameTags() {
        Snapshot reordered = Snapshot.builder()
                .cost("routingcost", "west", "east", 7)
                .pid("west", Prefixes.of("10.2.0.0/16"))
                .pid("east", Prefixes.of("10.11.0.0/16"))
                .cost("routingcost", "east", "west", 5)
                .pid("east", Prefixes.of("2001:db8:1::/48", "10.1.0.0/16", "10.1.0.0/16"))
                .build();
        Snapshot snapshot = base().build();
        assertThat(reordered.networkMap().vtag()).isEqualTo(snapshot.networkMap().vtag());
        assertThat(reordered.costMatrix("routingcost").orElseThrow().vtag())
                .isEqualTo(snapshot.costMatrix("routingcost").orElseThrow().vtag());
    }

    @Test
    void tagsAreShortPrintableAndDistinctPerResource() {
        Snapshot snapshot = base().build();
        String mapTag = snapshot.networkMap().vtag();
        assertThat(mapTag).matches("[0-9a-f]{32}");
        assertThat(snapshot.costMatrix("routingcost").orElseThrow().vtag()).matches("[0-9a-f]{32}").isNotEqualTo(mapTag);
    }

    static List<Arguments> networkChanges() {
        return List.of(
                change("an extra prefix", b -> b.pid("west", Prefixes.of("10.3.0.0/16"))),
                change("an extra IPv6 prefix", b -> b.pid("west", Prefixes.of("2001:db8:2::/48"))),
                change("an empty extra PID", b -> b.pid("north", List.of())),
                change("a prefix moved to another PID", b -> Snapshot.builder()
                        .pid("east", Prefixes.of("10.1.0.0/16", "2001:db8:1::/48"))
                        .pid("west", Prefixes.of("10.2.0.0/16", "10.11.0.0/16"))
                        .cost("routingcost", "east", "west", 5)
                        .cost("routingcost", "west", "east", 7)),
                change("a longer prefix", b -> Snapshot.builder()
                        .pid("east", Prefixes.of("10.1.0.0/17", "2001:db8:1::/48", "10.11.0.0/16"))
                        .pid("west", Prefixes.of("10.2.0.0/16"))
                        .cost("routingcost", "east", "west", 5)
                        .cost("routingcost", "west", "east", 7)),
                change("another default PID name", b -> b.defaultPid("rest")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networkChanges")
    void anyNetworkChangeChangesTheMapTagAndTheCostTag(String change, UnaryOperator<Snapshot.Builder> edit) {
        Snapshot before = base().build();
        Snapshot after = edit.apply(base()).build();
        assertThat(after.networkMap().vtag()).isNotEqualTo(before.networkMap().vtag());
        // Same costs over a different map are a different cost map (RFC 7285 section 6.3).
        assertThat(after.costMatrix("routingcost").orElseThrow().vtag())
                .isNotEqualTo(before.costMatrix("routingcost").orElseThrow().vtag());
    }

    static List<Arguments> costChanges() {
        return List.of(
                change("another value", b -> Snapshot.builder()
                        .pid("east", Prefixes.of("10.1.0.0/16", "2001:db8:1::/48", "10.11.0.0/16"))
                        .pid("west", Prefixes.of("10.2.0.0/16"))
                        .cost("routingcost", "east", "west", 5.5)
                        .cost("routingcost", "west", "east", 7)),
                change("an extra pair", b -> b.cost("routingcost", "east", "east", 0)),
                change("a swapped direction", b -> Snapshot.builder()
                        .pid("east", Prefixes.of("10.1.0.0/16", "2001:db8:1::/48", "10.11.0.0/16"))
                        .pid("west", Prefixes.of("10.2.0.0/16"))
                        .cost("routingcost", "east", "west", 7)
                        .cost("routingcost", "west", "east", 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costChanges")
    void anyCostChangeChangesOnlyTheCostTag(String change, UnaryOperator<Snapshot.Builder> edit) {
        Snapshot before = base().build();
        Snapshot after = edit.apply(base()).build();
        assertThat(after.networkMap().vtag()).isEqualTo(before.networkMap().vtag());
        assertThat(after.costMatrix("routingcost").orElseThrow().vtag())
                .isNotEqualTo(before.costMatrix("routingcost").orElseThrow().vtag());
    }

    @Test
    void metricNameIsPartOfTheCostTag() {
        Snapshot snapshot = base().cost("hopcount", "east", "west", 5).cost("hopcount", "west", "east", 7).build();
        assertThat(snapshot.costMatrix("hopcount").orElseThrow().vtag())
                .isNotEqualTo(snapshot.costMatrix("routingcost").orElseThrow().vtag());
    }

    private static Arguments change(String description, UnaryOperator<Snapshot.Builder> edit) {
        return Arguments.of(description, edit);
    }
}
