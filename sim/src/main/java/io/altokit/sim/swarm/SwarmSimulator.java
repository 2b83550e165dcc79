package io.altokit.sim.swarm;

import io.altokit.sim.flow.FlowNetwork;
import io.altokit.sim.select.PeerSelection;
import io.altokit.sim.select.Tracker;
import io.altokit.sim.stats.Histogram;
import io.altokit.sim.topology.InterAsBound;
import io.altokit.sim.topology.Topology;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A BitTorrent swarm at flow level, in fixed time steps, set up like the paper's trial: peer 0 is
 * the one super-seed; the others join over the arrival window, half of them seeders (they stay
 * after finishing) and half leechers (they leave at once).
 *
 * <p><b>Tracker.</b> On joining, and again while it has fewer than {@code numwant / 2}
 * connections (checked every minute), a peer announces: the tracker samples present peers and
 * returns {@code numwant} of them in its policy's order (for ALTO: the client's
 * {@code PeerOrder} over the operator's costs, 20 % random places for {@code alto-random}); the
 * peer connects to those, up to {@code maxConnections} on both sides.
 *
 * <p><b>Choking.</b> Every {@code rechokeS} a peer unchokes {@code uploadSlots - 1} interested
 * neighbours: while downloading, those it received most from since the last rechoke
 * (tit-for-tat, bytes from a near neighbour — the same PID, as the policy knows — counting
 * double, ties to the cheaper link); once complete, those with the cheapest links by the policy's
 * cost (ties at random). One more slot is an optimistic unchoke of a random
 * interested neighbour, one in the own PID when there is any ({@link OptimisticUnchoke}), moved on
 * every {@code optimisticS}. Choking a peer stops its piece
 * transfer; the downloader keeps the part it has (as BitTorrent keeps received blocks).
 *
 * <p><b>Pieces.</b> An unchoked, interested downloader fetches one piece at a time from each
 * uploader: a piece it already holds part of if the uploader has one, otherwise the rarest among
 * its own neighbours of those the uploader has and it neither holds nor fetches elsewhere (ties
 * broken at random). A downloader is not interested in a piece from an uploader outside its PID
 * while {@code nearSupply} near neighbours hold it (ALTO policies: they know the PIDs), so a piece tends to cross
 * into an AS once and spread inside. No end game.
 *
 * <p><b>Bandwidth</b> as in streaming: uplinks, downlinks and AS transit links shared by
 * {@link FlowNetwork}.
 */
public final class SwarmSimulator {
    private static final int SUPER_SEED = 0;
    private static final double REANNOUNCE_S = 60;
    /** PEX: peers a peer hears of from its neighbours per exchange, at most (the policy ranks them). */
    private static final int PEX_HEARD = 200;
    /** PEX: of those, how many it connects to per exchange. */
    private static final int PEX_CONNECTS = 10;
    /** In tit-for-tat, a byte from a near neighbour (same PID) weighs as much as this many from afar. */
    private static final double NEAR_RECIPROCATION = 2;
    private static final byte ABSENT = 0;
    private static final byte DOWNLOADING = 1;
    private static final byte COMPLETE = 2;
    private static final byte LEFT = 3;

    private final SwarmConfig config;
    private final Topology topology;
    private final SwarmObserver observer;

    public SwarmSimulator(SwarmConfig config, Topology topology, SwarmObserver observer) {
        if (!topology.spec().equals(config.topology())) {
            throw new IllegalArgumentException("the topology was generated from another spec than the configuration's");
        }
        this.config = config;
        this.topology = topology;
        this.observer = observer;
    }

    public SwarmSimulator(SwarmConfig config) {
        this(config, Topology.generate(config.topology()), SwarmObserver.NONE);
    }

    public SwarmResult run() {
        return new Run().execute();
    }

    /** One run's state in primitive arrays; node = peer index, peer 0 the super-seed. */
    private final class Run implements FlowNetwork.Listener {
        private final int peers = topology.peers();
        private final int ases = topology.ases();
        private final int pieces = config.pieces();
        private final int words = (pieces + 63) >>> 6;
        private final int maxConn = config.maxConnections();
        private final int slots = config.uploadSlots();
        private final SplittableRandom root = new SplittableRandom(config.topology().seed() * 0x9E3779B97F4A7C15L + 3_000_000_019L);
        private final SplittableRandom trackerRandom = root.split();
        private final SplittableRandom policyRandom = root.split();
        private final SplittableRandom peerRandom = root.split();
        private final PeerSelection policy = PeerSelection.named(config.policy(), topology);
        private final Tracker tracker;
        private final FlowNetwork network;
        private final byte[] state = new byte[peers];
        private final boolean[] staysAfter = new boolean[peers];
        private final double[] joinS = new double[peers];
        private final double[] leftS = new double[peers];
        private final int[] arrivals;
        private final long[] have;
        private final long[] fetching;
        private final int[] haveCount = new int[peers];
        private final int[] conn;
        private final int[] connCount = new int[peers];
        private final double[] receivedFrom;
        private final int[] availability;
        /** Per peer and piece: how many of its near neighbours (same PID, as its policy knows) hold the piece. */
        private final int[] nearAvailability;
        /** Per peer, a bit per piece: some near neighbour holds it (nearAvailability above 0). */
        private final long[] nearHeld;
        private final int[] unchoked;
        private final int[] uploadFlow;
        private final double[] uploaded = new double[peers];
        /** Per peer and piece: bytes received of a piece not complete and not being fetched. */
        private final double[] partial;
        private final double[] asInbound = new double[ases];
        private final Histogram downloadTimes;
        private final int[] leaving = new int[peers];
        /** PEX scratch: heard[c] == heardStamp when c was heard of in this exchange. */
        private final int[] heard = new int[peers];
        private final int[] heardPeers = new int[PEX_HEARD];
        private int heardStamp;
        private long pexConnections;
        private int leavingCount;
        private int arrived;
        private int finished;
        private double bytesDelivered;
        private double bytesInterAs;
        private double transitFees;
        private long piecesDelivered;

        Run() {
            tracker = new Tracker(peers, config.candidates());
            have = new long[peers * words];
            fetching = new long[peers * words];
            conn = new int[peers * maxConn];
            Arrays.fill(conn, -1);
            receivedFrom = new double[peers * maxConn];
            availability = new int[peers * pieces];
            nearAvailability = new int[peers * pieces];
            nearHeld = new long[peers * words];
            partial = new double[peers * pieces];
            unchoked = new int[peers * slots];
            Arrays.fill(unchoked, -1);
            uploadFlow = new int[peers * slots];
            Arrays.fill(uploadFlow, -1);
            double[] capacity = new double[2 * peers + 2 * ases];
            for (int p = 0; p < peers; p++) {
                capacity[p] = (p == SUPER_SEED ? config.superSeedUplinkBps() : topology.uplinkBps(p)) / 8;
                capacity[peers + p] = topology.downlinkBps(p) / 8;
            }
            for (int a = 0; a < ases; a++) {
                capacity[2 * peers + a] = topology.transitCapacityBps(a) / 8;
                capacity[2 * peers + ases + a] = topology.transitCapacityBps(a) / 8;
            }
            network = new FlowNetwork(capacity);
            downloadTimes = new Histogram(1, config.timeLimitS());
            arrivals = arrivalOrder();
        }

        /** Downloaders sorted by join time; half of them, chosen at random, stay after finishing. */
        private int[] arrivalOrder() {
            int[] order = new int[peers - 1];
            Arrays.setAll(order, i -> i + 1);
            for (int i = order.length - 1; i > 0; i--) {
                int j = peerRandom.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int i = 0; i < order.length; i++) {
                staysAfter[order[i]] = i < order.length / 2;
                joinS[order[i]] = peerRandom.nextDouble() * config.arrivalWindowS();
            }
            Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, (a, b) -> Double.compare(joinS[a], joinS[b]));
            return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        }

        SwarmResult execute() {
            double dt = config.stepS();
            long rechokeEvery = Math.max(1, Math.round(config.rechokeS() / dt));
            long optimisticEvery = Math.max(1, Math.round(config.optimisticS() / dt));
            long reannounceEvery = Math.max(1, Math.round(REANNOUNCE_S / dt));
            joinSuperSeed();
            double now = 0;
            long step = 0;
            for (; step * dt < config.timeLimitS() && finished < peers - 1; step++) {
                now = step * dt;
                while (arrived < arrivals.length && joinS[arrivals[arrived]] <= now) {
                    join(arrivals[arrived++], now);
                }
                if (step % reannounceEvery == 0) {
                    reannounce();
                }
                if (step % rechokeEvery == 0) {
                    rechokeAll(step % optimisticEvery == 0);
                }
                requestPieces(now);
                network.step(now, dt, this);
                observer.stepped(now, network);
                for (int i = 0; i < leavingCount; i++) {
                    leave(leaving[i], now + dt);
                }
                leavingCount = 0;
            }
            return result(Math.min(step * dt, config.timeLimitS()));
        }

        private void joinSuperSeed() {
            state[SUPER_SEED] = COMPLETE;
            staysAfter[SUPER_SEED] = true;
            for (int piece = 0; piece < pieces; piece++) {
                have[piece >>> 6] |= 1L << piece;
            }
            haveCount[SUPER_SEED] = pieces;
            tracker.join(SUPER_SEED);
        }

        private void join(int peer, double now) {
            state[peer] = DOWNLOADING;
            joinS[peer] = now;
            announce(peer);
            tracker.join(peer);
        }

        private void announce(int peer) {
            int[] offered = tracker.candidatesFor(peer, trackerRandom);
            for (int other : policy.choose(peer, offered, config.numwant(), policyRandom)) {
                connect(peer, other);
            }
        }

        private void reannounce() {
            for (int p = 1; p < peers; p++) {
                if (state[p] == DOWNLOADING && connCount[p] < config.numwant() / 2) {
                    announce(p);
                }
                if (config.peerExchange() && state[p] == DOWNLOADING && connCount[p] < maxConn) {
                    exchangePeers(p);
                }
            }
        }

        /**
         * Peer exchange: p hears of its neighbours' neighbours (up to {@value #PEX_HEARD}, starting at
         * a random neighbour) and connects to the best {@value #PEX_CONNECTS} of them by its policy.
         */
        private void exchangePeers(int p) {
            int heardCount = 0;
            heardStamp++;
            int start = peerRandom.nextInt(maxConn);
            for (int i = 0; i < maxConn && heardCount < PEX_HEARD; i++) {
                int n = conn[p * maxConn + (start + i) % maxConn];
                if (n < 0) {
                    continue;
                }
                for (int k = n * maxConn, end = k + maxConn; k < end && heardCount < PEX_HEARD; k++) {
                    int c = conn[k];
                    if (c >= 0 && c != p && heard[c] != heardStamp && slotOf(p, c) < 0) {
                        heard[c] = heardStamp;
                        heardPeers[heardCount++] = c;
                    }
                }
            }
            if (heardCount > 0) {
                for (int other : policy.choose(p, Arrays.copyOf(heardPeers, heardCount), PEX_CONNECTS, policyRandom)) {
                    connect(p, other);
                    pexConnections += slotOf(p, other) >= 0 ? 1 : 0;
                }
            }
        }

        private int slotOf(int node, int other) {
            for (int k = node * maxConn, end = k + maxConn; k < end; k++) {
                if (conn[k] == other) {
                    return k - node * maxConn;
                }
            }
            return -1;
        }

        private void connect(int a, int b) {
            if (a == b || connCount[a] >= maxConn || connCount[b] >= maxConn || slotOf(a, b) >= 0) {
                return;
            }
            link(a, b);
            link(b, a);
        }

        private void link(int node, int other) {
            int slot = slotOf(node, -1);
            conn[node * maxConn + slot] = other;
            receivedFrom[node * maxConn + slot] = 0;
            connCount[node]++;
            countPieces(node, other, 1);
        }

        /** Adds {@code delta} to {@code node}'s availability (and near availability) of every piece {@code other} holds. */
        private void countPieces(int node, int other, int delta) {
            if (haveCount[other] == 0) {
                return;
            }
            boolean near = policy.near(node, other);
            for (int w = 0; w < words; w++) {
                long bits = have[other * words + w];
                while (bits != 0) {
                    int at = node * pieces + (w << 6) + Long.numberOfTrailingZeros(bits);
                    availability[at] += delta;
                    if (near) {
                        countNear(node, (w << 6) + Long.numberOfTrailingZeros(bits), delta);
                    }
                    bits &= bits - 1;
                }
            }
        }

        private void disconnect(int a, int b) {
            for (int[] pair : new int[][] {{a, b}, {b, a}}) {
                int uploader = pair[0];
                for (int k = 0; k < slots; k++) {
                    if (unchoked[uploader * slots + k] == pair[1]) {
                        choke(uploader, k);
                    }
                }
                conn[uploader * maxConn + slotOf(uploader, pair[1])] = -1;
                connCount[uploader]--;
                countPieces(uploader, pair[1], -1);
            }
        }

        private void leave(int peer, double now) {
            for (int k = peer * maxConn, end = k + maxConn; k < end; k++) {
                if (conn[k] >= 0) {
                    disconnect(peer, conn[k]);
                }
            }
            state[peer] = LEFT;
            leftS[peer] = now;
            tracker.leave(peer);
        }

        /** Stops uploading to the peer in a slot, throwing its partial piece away. */
        private void choke(int uploader, int slot) {
            int flow = uploadFlow[uploader * slots + slot];
            if (flow >= 0) {
                int receiver = network.receiver(flow);
                int piece = network.item(flow) / maxConn;
                fetching[receiver * words + (piece >>> 6)] &= ~(1L << piece);
                partial[receiver * pieces + piece] = config.pieceSize(piece) - network.remaining(flow);
                network.remove(flow);
                uploadFlow[uploader * slots + slot] = -1;
            }
            unchoked[uploader * slots + slot] = -1;
        }

        private boolean present(int node) {
            return state[node] == DOWNLOADING || state[node] == COMPLETE;
        }

        /** Whether {@code downloader} wants a piece {@code uploader} has that it neither holds nor fetches. */
        private boolean interested(int downloader, int uploader) {
            for (int w = 0; w < words; w++) {
                if (wanted(downloader, uploader, w) != 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Word w of the pieces {@code downloader} wants from {@code uploader}: held by the uploader, neither
         * held nor fetched by the downloader and, when the uploader is not near, held by fewer than
         * {@code nearSupply} near neighbours (the others it gets without crossing into its PID again).
         */
        private long wanted(int downloader, int uploader, int w) {
            long bits = have[uploader * words + w] & ~have[downloader * words + w] & ~fetching[downloader * words + w];
            return policy.near(downloader, uploader) ? bits : bits & ~nearHeld[downloader * words + w];
        }

        /** Adds delta to how many near neighbours of node hold the piece, keeping {@link #nearHeld} in step. */
        private void countNear(int node, int piece, int delta) {
            int count = nearAvailability[node * pieces + piece] += delta;
            long bit = 1L << piece;
            if (config.nearSupply() > 0 && count >= config.nearSupply()) {
                nearHeld[node * words + (piece >>> 6)] |= bit;
            } else {
                nearHeld[node * words + (piece >>> 6)] &= ~bit;
            }
        }

        private void rechokeAll(boolean moveOptimistic) {
            int[] interestedPeers = new int[maxConn];
            for (int u = 0; u < peers; u++) {
                if (!present(u)) {
                    continue;
                }
                int count = 0;
                for (int k = u * maxConn, end = k + maxConn; k < end; k++) {
                    if (conn[k] >= 0 && interested(conn[k], u)) {
                        interestedPeers[count++] = k - u * maxConn; // the connection slot
                    }
                }
                rechoke(u, interestedPeers, count, moveOptimistic);
                Arrays.fill(receivedFrom, u * maxConn, (u + 1) * maxConn, 0);
            }
        }

        /**
         * Picks the regular unchokes and the optimistic one. While downloading: tit-for-tat, the bytes
         * a near neighbour sent counting {@value #NEAR_RECIPROCATION} times, ties to the cheaper link;
         * once complete: the cheapest links, ties at random. The optimistic unchoke: see {@link OptimisticUnchoke}.
         */
        private void rechoke(int u, int[] candidates, int count, boolean moveOptimistic) {
            for (int i = count - 1; i > 0; i--) { // random order first: ties and seeds' picks are random
                int j = peerRandom.nextInt(i + 1);
                int swap = candidates[i];
                candidates[i] = candidates[j];
                candidates[j] = swap;
            }
            int regular = Math.min(slots - 1, count);
            for (int i = 0; i < regular; i++) { // the best first: a partial selection sort
                int best = i;
                for (int j = i + 1; j < count; j++) {
                    if (unchokesBefore(u, candidates[j], candidates[best])) {
                        best = j;
                    }
                }
                int swap = candidates[i];
                candidates[i] = candidates[best];
                candidates[best] = swap;
            }
            int[] chosen = new int[slots];
            Arrays.fill(chosen, -1);
            for (int i = 0; i < regular; i++) {
                chosen[i] = conn[u * maxConn + candidates[i]];
            }
            int optimistic = unchoked[u * slots + slots - 1];
            boolean keepOptimistic = !moveOptimistic && optimistic >= 0 && slotOf(u, optimistic) >= 0
                    && interested(optimistic, u) && !contains(chosen, optimistic);
            if (keepOptimistic) {
                chosen[slots - 1] = optimistic;
            } else if (count > regular) {
                int pick = OptimisticUnchoke.choose(regular, count, i -> policy.near(u, conn[u * maxConn + candidates[i]]), peerRandom);
                chosen[slots - 1] = conn[u * maxConn + candidates[pick]];
            }
            // Keep transfers to peers that stay unchoked; choke the rest; seat the newcomers.
            for (int k = 0; k < slots; k++) {
                int current = unchoked[u * slots + k];
                if (current >= 0 && !contains(chosen, current)) {
                    choke(u, k);
                }
            }
            for (int newcomer : chosen) {
                if (newcomer >= 0 && !contains(unchoked, u * slots, slots, newcomer)) {
                    int free = 0;
                    while (unchoked[u * slots + free] >= 0) {
                        free++;
                    }
                    unchoked[u * slots + free] = newcomer;
                }
            }
        }

        /** Whether u prefers to unchoke the neighbour in connection slot a to the one in slot b. */
        private boolean unchokesBefore(int u, int a, int b) {
            int na = conn[u * maxConn + a];
            int nb = conn[u * maxConn + b];
            if (state[u] == DOWNLOADING) {
                double ra = receivedFrom[u * maxConn + a] * (policy.near(u, na) ? NEAR_RECIPROCATION : 1);
                double rb = receivedFrom[u * maxConn + b] * (policy.near(u, nb) ? NEAR_RECIPROCATION : 1);
                if (ra != rb) {
                    return ra > rb;
                }
            }
            return policy.linkCost(na, u) < policy.linkCost(nb, u);
        }

        private static boolean contains(int[] values, int value) {
            return contains(values, 0, values.length, value);
        }

        private static boolean contains(int[] values, int from, int length, int value) {
            for (int i = from; i < from + length; i++) {
                if (values[i] == value) {
                    return true;
                }
            }
            return false;
        }

        /** Every idle unchoke slot with an interested peer starts that peer's rarest wanted piece. */
        private void requestPieces(double now) {
            for (int u = 0; u < peers; u++) {
                if (!present(u)) {
                    continue;
                }
                for (int k = 0; k < slots; k++) {
                    int d = unchoked[u * slots + k];
                    if (d < 0 || uploadFlow[u * slots + k] >= 0) {
                        continue;
                    }
                    int piece = rarestWanted(d, u);
                    if (piece >= 0) {
                        fetching[d * words + (piece >>> 6)] |= 1L << piece;
                        uploadFlow[u * slots + k] = startTransfer(u, d, piece, now);
                    }
                }
            }
        }

        /** The piece d takes from u among those it {@linkplain #wanted wants} from u: one it began, else the rarest. */
        private int rarestWanted(int d, int u) {
            int offset = peerRandom.nextInt(pieces); // random tie-break among equally rare pieces
            int best = -1;
            long bestKey = Long.MAX_VALUE;
            for (int w = 0; w < words; w++) {
                long bits = wanted(d, u, w);
                while (bits != 0) {
                    int piece = (w << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    long started = partial[d * pieces + piece] > 0 ? 0 : 1L << 62; // finish what was begun first
                    long key = started | (long) availability[d * pieces + piece] << 32 | Math.floorMod(piece - offset, pieces);
                    if (key < bestKey) {
                        bestKey = key;
                        best = piece;
                    }
                }
            }
            return best;
        }

        private int startTransfer(int u, int d, int piece, double now) {
            int fromAs = topology.asOf(u);
            int toAs = topology.asOf(d);
            boolean crossing = fromAs != toAs;
            double left = config.pieceSize(piece) - partial[d * pieces + piece];
            partial[d * pieces + piece] = 0;
            return network.add(left, now, u, peers + d,
                    crossing ? 2 * peers + fromAs : FlowNetwork.NONE, crossing ? 2 * peers + ases + toAs : FlowNetwork.NONE,
                    u, d, piece * maxConn + slotOf(d, u));
        }

        @Override
        public void moved(int flow, double amount) {
            int u = network.sender(flow);
            int d = network.receiver(flow);
            bytesDelivered += amount;
            uploaded[u] += amount;
            receivedFrom[d * maxConn + network.item(flow) % maxConn] += amount;
            int fromAs = topology.asOf(u);
            int toAs = topology.asOf(d);
            if (fromAs != toAs) {
                bytesInterAs += amount;
                asInbound[toAs] += amount;
                transitFees += amount * topology.transitCost(fromAs, toAs);
            }
        }

        @Override
        public void completed(int flow, double time) {
            int u = network.sender(flow);
            int d = network.receiver(flow);
            int piece = network.item(flow) / maxConn;
            for (int k = 0; k < slots; k++) {
                if (uploadFlow[u * slots + k] == flow) {
                    uploadFlow[u * slots + k] = -1;
                }
            }
            long bit = 1L << piece;
            fetching[d * words + (piece >>> 6)] &= ~bit;
            have[d * words + (piece >>> 6)] |= bit;
            haveCount[d]++;
            piecesDelivered++;
            for (int k = d * maxConn, end = k + maxConn; k < end; k++) {
                if (conn[k] >= 0) {
                    availability[conn[k] * pieces + piece]++;
                    if (policy.near(conn[k], d)) {
                        countNear(conn[k], piece, 1);
                    }
                }
            }
            observer.delivered(u, d, piece, time);
            if (haveCount[d] == pieces) {
                state[d] = COMPLETE;
                finished++;
                downloadTimes.add(time - joinS[d]);
                if (!staysAfter[d]) {
                    leaving[leavingCount++] = d;
                }
            }
        }

        /** Every downloader must receive every piece; the super-seed holds them all from the start. */
        private double lowerBound() {
            int[] receiverAs = new int[peers - 1];
            Arrays.setAll(receiverAs, i -> topology.asOf(i + 1));
            return InterAsBound.share(receiverAs, topology.asOf(SUPER_SEED));
        }

        private SwarmResult result(double end) {
            double capacityTime = 0;
            double uploadedByPeers = 0;
            for (int p = 1; p < peers; p++) {
                if (state[p] != ABSENT) {
                    double until = state[p] == LEFT ? leftS[p] : end;
                    capacityTime += topology.uplinkBps(p) / 8 * (until - joinS[p]);
                    uploadedByPeers += uploaded[p];
                }
            }
            double utilisationSum = 0;
            double utilisationMax = 0;
            int withPeers = 0;
            for (int a = 0; a < ases; a++) {
                if (topology.peersIn(a) > 0) {
                    double utilisation = asInbound[a] / (topology.transitCapacityBps(a) / 8 * end);
                    utilisationSum += utilisation;
                    utilisationMax = Math.max(utilisationMax, utilisation);
                    withPeers++;
                }
            }
            double held = Arrays.stream(partial).sum(); // partial pieces, and what flows under way have moved
            for (int i = 0; i < network.liveFlows(); i++) {
                int flow = network.liveFlow(i);
                held += config.pieceSize(network.item(flow) / maxConn) - network.remaining(flow);
            }
            return new SwarmResult(policy.name(), config.topology().seed(), peers, ases, (double) finished / (peers - 1),
                    downloadTimes.mean(), downloadTimes.quantile(0.95),
                    bytesDelivered == 0 ? 0 : bytesInterAs / bytesDelivered, lowerBound(),
                    capacityTime == 0 ? 0 : uploadedByPeers / capacityTime,
                    bytesDelivered == 0 ? 0 : transitFees / bytesDelivered,
                    utilisationSum / withPeers, utilisationMax, bytesDelivered, bytesInterAs, piecesDelivered, held, end,
                    pexConnections);
        }
    }
}
