package io.altokit.tracker;

import io.altokit.client.MapGuidance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Choosing peers: own PID first, the random share, no self, no seeders for seeders, limits and expiry. */
class SwarmTest {
    private static final Id20 HASH = id(0);
    private static LoopbackAlto alto;
    private static MapGuidance guidance;

    @BeforeAll
    static void start() throws Exception {
        alto = new LoopbackAlto();
        guidance = alto.guidance();
    }

    @AfterAll
    static void stop() {
        alto.close();
    }

    /** 20 peers in each of pid-1 .. pid-4 (peer n at 127.0.PID.n), leechers unless told otherwise. */
    private static Swarm swarmOf80() throws Exception {
        Swarm swarm = new Swarm();
        for (int pid = 1; pid <= 4; pid++) {
            for (int n = 1; n <= 20; n++) {
                swarm.announce(announce(pid * 100 + n, 100, Announce.Event.STARTED), address(pid, n), 0, 1000, true);
            }
        }
        return swarm;
    }

    @Test
    void ownPidFirstThenTheNextCheapestWithTheRandomShareSpreadOver() throws Exception {
        Swarm swarm = swarmOf80();
        Selection selection = swarm.select(id(101), address(1, 1), false, 30, 0.2, guidance, new SplittableRandom(1));
        List<ListedPeer> peers = selection.peers();
        assertThat(peers).hasSize(30);
        assertThat(selection.random()).isEqualTo(6);
        assertThat(selection.samePid()).as("19 others in pid-1, all ranked first").isEqualTo(19);
        assertThat(selection.unranked()).isZero();
        assertThat(peers).extracting(ListedPeer::peerId).doesNotHaveDuplicates().doesNotContain(id(101));
        // Ranked places (every place but the 5th, 10th, ...): pid-1 first, then pid-2 (cost 10), never pid-3/4.
        List<Integer> rankedPids = new java.util.ArrayList<>();
        for (int position = 0; position < 30; position++) {
            if ((position + 1) % 5 != 0) {
                rankedPids.add(pidOf(peers.get(position)));
            }
        }
        assertThat(rankedPids.subList(0, 19)).containsOnly(1);
        assertThat(rankedPids.subList(19, 24)).containsOnly(2);
    }

    @Test
    void theRandomShareReachesFarPidsOverManyAnnounces() throws Exception {
        Swarm swarm = swarmOf80();
        Set<Integer> randomPids = new HashSet<>();
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 50; i++) {
            List<ListedPeer> peers = swarm.select(id(101), address(1, 1), false, 10, 0.2, guidance, random).peers();
            randomPids.add(pidOf(peers.get(4)));
            randomPids.add(pidOf(peers.get(9)));
        }
        assertThat(randomPids).as("random places drawn from the whole swarm").contains(3, 4);
    }

    @Test
    void withoutGuidanceThePeersAreDrawnAtRandom() throws Exception {
        Selection selection = swarmOf80().select(id(101), address(1, 1), false, 79, 0.2, null, new SplittableRandom(3));
        assertThat(selection.peers()).hasSize(79).extracting(ListedPeer::peerId).doesNotHaveDuplicates().doesNotContain(id(101));
        assertThat(selection.unranked()).isEqualTo(79);
        assertThat(selection.samePid()).isZero();
    }

    @Test
    void seedersGetNoSeedersAndLeechersGetEveryone() throws Exception {
        Swarm swarm = new Swarm();
        for (int n = 1; n <= 10; n++) {
            swarm.announce(announce(n, n <= 4 ? 0 : 50, Announce.Event.NONE), address(1, n), 0, 100, true);
        }
        assertThat(swarm.seeders()).isEqualTo(4);
        Selection forSeeder = swarm.select(id(1), address(1, 1), true, 50, 0.2, guidance, new SplittableRandom(4));
        assertThat(forSeeder.peers()).extracting(ListedPeer::peerId).containsExactlyInAnyOrder(id(5), id(6), id(7), id(8), id(9), id(10));
        Selection forLeecher = swarm.select(id(5), address(1, 5), false, 50, 0.2, guidance, new SplittableRandom(4));
        assertThat(forLeecher.peers()).hasSize(9);
        // A seeder that completes and a stopped peer
        swarm.announce(announce(5, 0, Announce.Event.COMPLETED), address(1, 5), 0, 100, true);
        swarm.announce(announce(6, 50, Announce.Event.STOPPED), address(1, 6), 0, 100, true);
        assertThat(swarm.seeders()).isEqualTo(5);
        assertThat(swarm.completed()).isEqualTo(1);
        assertThat(swarm.size()).isEqualTo(9);
        assertThat(swarm.select(id(1), address(1, 1), true, 50, 0, null, new SplittableRandom(5)).peers()).hasSize(4);
    }

    @Test
    void aFullSwarmKeepsItsPeersAndExpiryDropsSilentOnes() throws Exception {
        Swarm swarm = new Swarm();
        for (int n = 1; n <= 5; n++) {
            assertThat(swarm.announce(announce(n, 1, Announce.Event.NONE), address(2, n), n * 1000L, 3, true)).isEqualTo(n <= 3 ? 1 : 0);
        }
        assertThat(swarm.size()).isEqualTo(3);
        assertThat(swarm.announce(announce(2, 1, Announce.Event.NONE), address(2, 2), 9000L, 3, true)).as("a known peer").isZero();
        assertThat(swarm.announce(announce(9, 1, Announce.Event.NONE), address(2, 9), 9000L, 10, false)).as("no growth allowed").isZero();
        assertThat(swarm.expire(2500L)).as("peer 1, last seen at 1000").isEqualTo(1);
        assertThat(swarm.expire(5000L)).as("peer 3").isEqualTo(1);
        assertThat(swarm.size()).isEqualTo(1);
        assertThat(swarm.retireIfEmpty()).isFalse();
        swarm.expire(10_000L);
        assertThat(swarm.retireIfEmpty()).isTrue();
        assertThat(swarm.announce(announce(1, 1, Announce.Event.NONE), address(2, 1), 11_000L, 3, true))
                .as("a retired swarm takes no announce").isEqualTo(Swarm.RETIRED);
    }

    @Test
    void aPeerThatMovesIsRelocatedAndNewGuidanceRelocatesEveryone() throws Exception {
        Swarm swarm = swarmOf80();
        swarm.select(id(101), address(1, 1), false, 5, 0, guidance, new SplittableRandom(6));
        swarm.announce(announce(201, 10, Announce.Event.NONE), address(3, 201), 0, 1000, true);
        Selection fromPid3 = swarm.select(id(301), address(3, 1), false, 20, 0, guidance, new SplittableRandom(7));
        assertThat(fromPid3.samePid()).as("19 others of pid-3 and the peer that moved there").isEqualTo(20);
        MapGuidance refetched = alto.guidance();
        Selection again = swarm.select(id(301), address(3, 1), false, 20, 0, refetched, new SplittableRandom(7));
        assertThat(again.samePid()).isEqualTo(20);
    }

    static Announce announce(int peer, long left, Announce.Event event) {
        return new Announce(HASH, id(peer), 6881, 0, 0, left, event, 50, true, false, Optional.empty());
    }

    static Id20 id(int n) {
        return new Id20(0, 0, n);
    }

    static InetAddress address(int pid, int host) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) pid, (byte) host});
    }

    static int pidOf(ListedPeer peer) {
        return ByteBuffer.wrap(peer.address()).get(2);
    }
}
