package io.altokit.app.trial;

import io.altokit.core.IpPrefix;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrialPlanTest {

    @Test
    void peersAreDealtRoundRobinOverTheAreasWithTheSuperSeedInTheFirst() {
        TrialPlan plan = TrialPlan.of(3, 12, 1);

        assertThat(plan.peers()).hasSize(12);
        assertThat(plan.superSeed().role()).isEqualTo(Role.SUPER_SEED);
        assertThat(plan.superSeed().area()).isEqualTo(1);
        assertThat(plan.superSeed().access()).isEqualTo(AccessLink.SUPER_SEED);
        assertThat(List.of(plan.inArea(1).size(), plan.inArea(2).size(), plan.inArea(3).size())).containsExactly(4, 4, 4);
        assertThat(plan.largestArea()).isEqualTo(4);
        assertThat(plan.downloaders()).hasSize(11).noneMatch(peer -> peer.role() == Role.SUPER_SEED);
    }

    @Test
    void everyPeerHasItsOwnAddressInsideItsAreasPrefix() throws Exception {
        TrialPlan plan = TrialPlan.of(4, 30, 7);

        assertThat(new HashSet<>(plan.peers().stream().map(TrialPeer::address).toList())).hasSize(30);
        for (TrialPeer peer : plan.peers()) {
            assertThat(IpPrefix.parse(AddressPlan.areaPrefix(peer.area())).contains(InetAddress.getByName(peer.address())))
                    .as(peer + " in " + AddressPlan.areaPrefix(peer.area())).isTrue();
            assertThat(peer.address()).isNotEqualTo(AddressPlan.routerAddress(peer.area()));
            assertThat(peer.namespace()).startsWith(AddressPlan.NAMESPACE_PREFIX);
            assertThat(peer.routerPort().length()).as("an interface name").isLessThanOrEqualTo(15);
        }
        assertThat(AddressPlan.areaPrefix(2)).isEqualTo("198.18.2.0/24");
        assertThat(AddressPlan.routerAddress(2)).isEqualTo("198.18.2.1");
        assertThat(AddressPlan.uplinkRouterAddress(2)).isEqualTo("198.19.2.2");
        assertThat(AddressPlan.areaCommunity(2)).isEqualTo("65000:102");
    }

    @Test
    void accessLinksFollowThePapersSharesRoundedByLargestRemainder() {
        TrialPlan plan = TrialPlan.of(3, 12, 1);

        // 11 downloaders: 20 % = 2.2, 40 % = 4.4, 25 % = 2.75, 15 % = 1.65: floors 2, 4, 2, 1, the two largest fractions add one.
        Map<AccessLink, Long> counts = plan.downloaders().stream().collect(Collectors.groupingBy(TrialPeer::access, Collectors.counting()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                new AccessLink(128, 784), 2L, new AccessLink(384, 1500), 4L, new AccessLink(1000, 3000), 3L, new AccessLink(5000, 10000), 2L));
    }

    @Test
    void downloadersAreHalfSeedersHalfLeechers() {
        Map<Role, Long> roles = TrialPlan.of(3, 12, 1).downloaders().stream()
                .collect(Collectors.groupingBy(TrialPeer::role, Collectors.counting()));

        assertThat(roles).containsExactlyInAnyOrderEntriesOf(Map.of(Role.SEEDER, 5L, Role.LEECHER, 6L));
    }

    @Test
    void theSeedDecidesWhoGetsWhichLinkAndRole() {
        Function<TrialPlan, List<String>> shape = plan -> plan.peers().stream().map(peer -> peer.role() + " " + peer.access()).toList();

        assertThat(shape.apply(TrialPlan.of(3, 12, 5))).as("one seed, one plan").isEqualTo(shape.apply(TrialPlan.of(3, 12, 5)));
        assertThat(shape.apply(TrialPlan.of(3, 12, 5))).as("another seed, another deal").isNotEqualTo(shape.apply(TrialPlan.of(3, 12, 6)));
    }

    @Test
    void refusesShapesThatCannotMakeATrial() {
        assertThatThrownBy(() -> TrialPlan.of(1, 12, 1)).hasMessageContaining("--areas must be 2 to 200");
        assertThatThrownBy(() -> TrialPlan.of(3, 3, 1)).hasMessageContaining("--peers must be 4 to 750 for 3 areas");
        assertThatThrownBy(() -> TrialPlan.of(3, 751, 1)).hasMessageContaining("--peers must be 4 to 750");
    }
}
