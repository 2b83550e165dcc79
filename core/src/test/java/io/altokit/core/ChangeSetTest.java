package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.altokit.core.ChangeSet.CostCell;
import org.junit.jupiter.api.Test;

class ChangeSetTest {

    private static CostCell cell(String source, String destination) {
        return new CostCell(source, destination);
    }

    private static Snapshot.Builder twoPids() {
        return Snapshot.builder()
                .pid("a", Prefixes.of("10.1.0.0/16", "10.2.0.0/16"))
                .pid("b", Prefixes.of("10.3.0.0/16", "2001:db8:3::/48"))
                .cost("routingcost", "a", "b", 1)
                .cost("routingcost", "b", "a", 2)
                .cost("hopcount", "a", "b", 3);
    }

    @Test
    void theSameContentIsNoChange() {
        Snapshot before = twoPids().build();
        ChangeSet changes = ChangeSet.between(before, twoPids().build());
        assertThat(changes.isEmpty()).isTrue();
        assertThat(changes.previousVtag()).isEqualTo(changes.vtag()).isEqualTo(before.networkMap().vtag());
    }

    @Test
    void aMovedPrefixAndANewPidWithCostsAreExactlyWhatChanged() {
        Snapshot before = twoPids().build();
        Snapshot after = Snapshot.builder()
                .pid("a", Prefixes.of("10.1.0.0/16"))
                .pid("b", Prefixes.of("10.3.0.0/16", "10.2.0.0/16", "2001:db8:3::/48"))
                .pid("c", Prefixes.of("10.4.0.0/16"))
                .cost("routingcost", "a", "b", 1)
                .cost("routingcost", "b", "a", 5)
                .cost("routingcost", "a", "c", 7)
                .cost("hopcount", "a", "b", 3)
                .build();

        ChangeSet changes = ChangeSet.between(before, after);

        assertThat(changes.rebuiltMetrics()).as("over other PIDs, every matrix was built again")
                .containsExactly("hopcount", "routingcost");
        assertThat(changes.previousVtag()).isEqualTo(before.networkMap().vtag());
        assertThat(changes.vtag()).isEqualTo(after.networkMap().vtag());
        assertThat(changes.snapshot()).isSameAs(after);
        assertThat(changes.pids()).containsExactly("a", "b", "c");
        assertThat(changes.prefixes()).containsExactlyElementsOf(Prefixes.of("10.2.0.0/16", "10.4.0.0/16"));
        assertThat(changes.costs()).containsOnlyKeys("routingcost");
        ChangeSet.CostChange routing = changes.costs("routingcost").orElseThrow();
        assertThat(routing.numerical()).containsExactly(cell("a", "c"), cell("b", "a"));
        // Ranks 1, 2 become 1, 2, 3: only the new cell's rank is new.
        assertThat(routing.ordinal()).containsExactly(cell("a", "c"));
        assertThat(changes.costs("hopcount")).as("same costs over the changed map").isEmpty();
    }

    @Test
    void oneChangedCostCanMoveTheOrdinalRankOfAnother() {
        Snapshot before = twoPids().build();
        Snapshot after = before.toBuilder().cost("routingcost", "a", "b", 3).build();
        ChangeSet changes = ChangeSet.between(before, after);

        assertThat(changes.rebuiltMetrics()).as("known before any cell is compared").containsExactly("routingcost");
        assertThat(changes.pids()).isEmpty();
        assertThat(changes.prefixes()).isEmpty();
        assertThat(changes.vtag()).isEqualTo(changes.previousVtag());
        assertThat(after.costMatrix("routingcost").orElseThrow().cost(0, 1)).as("the given cost replaces the inherited one")
                .isEqualTo(3);
        ChangeSet.CostChange routing = changes.costs("routingcost").orElseThrow();
        assertThat(routing.numerical()).containsExactly(cell("a", "b"));
        assertThat(routing.ordinal()).containsExactly(cell("a", "b"), cell("b", "a"));
    }

    @Test
    void aCostThatKeepsItsRankIsNoOrdinalChangeAndANewHighestCostMovesNoOtherRank() {
        Snapshot before = twoPids().build();
        ChangeSet.CostChange sameRank = ChangeSet.between(before, before.toBuilder().cost("routingcost", "b", "a", 7).build())
                .costs("routingcost").orElseThrow();
        assertThat(sameRank.numerical()).containsExactly(cell("b", "a"));
        assertThat(sameRank.ordinal()).as("2 -> 7 is still the second of two levels").isEmpty();

        Snapshot three = before.toBuilder().cost("routingcost", "a", "a", 1).build();
        ChangeSet.CostChange highest = ChangeSet.between(three, three.toBuilder().cost("routingcost", "a", "a", 9).build())
                .costs("routingcost").orElseThrow();
        assertThat(highest.ordinal()).as("1 stays a level (a -> b); 9 is a new highest rank").containsExactly(cell("a", "a"));
    }

    @Test
    void aRemovedPidTakesItsPrefixesAndCostsAlong() {
        Snapshot before = twoPids().pid("c", Prefixes.of("10.4.0.0/16", "2001:db8:4::/48"))
                .cost("hopcount", "c", "a", 1).build();
        Snapshot after = twoPids().build();

        ChangeSet changes = ChangeSet.between(before, after);

        assertThat(changes.pids()).containsExactly("c");
        assertThat(changes.prefixes()).containsExactlyElementsOf(Prefixes.of("10.4.0.0/16", "2001:db8:4::/48"));
        assertThat(changes.costs()).containsOnlyKeys("hopcount");
        assertThat(changes.costs("hopcount").orElseThrow().numerical()).containsExactly(cell("c", "a"));
    }

    @Test
    void aSnapshotBuiltFromAnotherKeepsItsCostsAndAddsPrefixes() {
        Snapshot file = twoPids().defaultPid("b").build();
        Snapshot next = file.toBuilder().pid("a", Prefixes.of("10.9.0.0/16")).build();

        assertThat(next.networkMap().prefixes(next.networkMap().indexOf("a").orElseThrow(), AddressFamily.IPV4))
                .containsExactlyElementsOf(Prefixes.of("10.1.0.0/16", "10.2.0.0/16", "10.9.0.0/16"));
        assertThat(next.networkMap().pidNames()).containsExactly("a", "b");
        assertThat(next.costMatrix("routingcost").orElseThrow().cost(1, 0)).isEqualTo(2);
        ChangeSet changes = ChangeSet.between(file, next);
        assertThat(changes.pids()).containsExactly("a");
        assertThat(changes.prefixes()).containsExactlyElementsOf(Prefixes.of("10.9.0.0/16"));
        assertThat(changes.costs()).isEmpty();
        assertThat(file.toBuilder().build().networkMap().vtag()).isEqualTo(file.networkMap().vtag());
    }

    @Test
    void anInheritedMatrixFollowsItsPidsWhenANewPidSortsBeforeThem() {
        Snapshot file = twoPids().build();
        Snapshot next = file.toBuilder().pid("0-first", Prefixes.of("10.9.0.0/16")).build();

        CostMatrix routing = next.costMatrix("routingcost").orElseThrow();
        int a = next.networkMap().indexOf("a").orElseThrow();
        int b = next.networkMap().indexOf("b").orElseThrow();
        assertThat(routing.cost(a, b)).isEqualTo(1);
        assertThat(routing.cost(b, a)).isEqualTo(2);
        assertThat(routing.isDefined(0, a)).isFalse();
    }
}
