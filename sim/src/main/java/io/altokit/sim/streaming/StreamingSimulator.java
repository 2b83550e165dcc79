package io.altokit.sim.streaming;

import io.altokit.sim.flow.FlowNetwork;
import io.altokit.sim.select.Tracker;
import io.altokit.sim.select.PeerSelection;
import io.altokit.sim.stats.Histogram;
import io.altokit.sim.topology.InterAsBound;
import io.altokit.sim.topology.Topology;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * Mesh-based P2P live streaming, flow level, in fixed time steps.
 *
 * <p><b>Source.</b> The stream is cut into chunks of {@code chunkS} seconds; chunk {@code c} exists
 * once produced, at {@code (c + 1) * chunkS}, and the source then pushes it to {@code sourceFanout}
 * random peers.
 *
 * <p><b>Neighbours.</b> At start every peer is offered a random sample of the others and its
 * policy picks its neighbours; a peer whose policy knows PIDs then hears of its near neighbours'
 * near neighbours and chooses again from them and a fresh sample ({@code exchangeWithinPid}). The
 * scheduler keeps neighbours near ones first, then by link cost. With {@link Churn} peers leave,
 * come back and re-select; without it neighbour sets stay fixed.
 *
 * <p><b>Scheduler (pull, earliest deadline first, locality-aware).</b> A node serves at most
 * {@code 2 * uplink / streamRate} uploads at once (its slots). Each step, every peer with fewer
 * than {@code parallelRequests} transfers in flight looks at the buffer maps of its neighbours
 * with a free slot and goes through the missing, not yet requested chunks among them, earliest
 * deadline first. A chunk is pulled from the neighbour {@link SupplierChoice} picks: never one
 * from which it could not arrive before its deadline (at {@code uplink / (uploads + 1)} after a
 * round trip), else the cheapest by the policy's link cost that sends at half the stream rate or
 * more, else the earliest arrival. A peer pulls a chunk only from <em>near</em> neighbours (its
 * own PID, as far as its policy knows) while the chunk is on its way into the PID — a near
 * neighbour holds or fetches it, or has heard so from its own near neighbours ({@code coming}) —
 * or younger than a wait drawn per peer and chunk from 0 to {@code localWaitS} × stream rate /
 * uplink (strong uplinks bring chunks in first); so usually one peer of an AS brings a chunk in
 * and the others get it inside. With {@code fallbackSlackS} left before the deadline any neighbour
 * will do. A peer with near neighbours keeps half its upload slots for them. A transfer
 * starts one round trip after the request; chunks past their deadline are not requested.
 *
 * <p><b>Bandwidth.</b> Transfers share sender uplinks, receiver downlinks and, between ASes, the
 * sending AS's outbound and the receiving AS's inbound transit link ({@link FlowNetwork}). The
 * source's own uplink is its only limit on its side (it sits in a data centre).
 *
 * <p><b>Buffer maps</b> are one {@code long} per peer: bit {@code k} is chunk {@code base + k},
 * the window sliding with the newest chunk. Nothing is allocated per chunk or per transfer.
 */
public final class StreamingSimulator {
    private final StreamingConfig config;
    private final Topology topology;
    private final StreamingObserver observer;

    public StreamingSimulator(StreamingConfig config, Topology topology, StreamingObserver observer) {
        if (!topology.spec().equals(config.topology())) {
            throw new IllegalArgumentException("the topology was generated from another spec than the configuration's");
        }
        this.config = config;
        this.topology = topology;
        this.observer = observer;
    }

    public StreamingSimulator(StreamingConfig config) {
        this(config, Topology.generate(config.topology()), StreamingObserver.NONE);
    }

    /** Runs the whole stream; each call is a fresh run with the same result. */
    public StreamingResult run() {
        return new Run().execute();
    }

    /** One run's state, in primitive arrays indexed by node (peers 0..P-1, the source P). */
    private final class Run implements FlowNetwork.Listener {
        private final int peers = topology.peers();
        private final int source = peers;
        private final int ases = topology.ases();
        private final double chunkBytes = config.chunkBytes();
        private final SplittableRandom root = new SplittableRandom(config.topology().seed() * 0x9E3779B97F4A7C15L + 7285);
        private final SplittableRandom schedulingRandom = root.split();
        private final SplittableRandom candidateRandom;
        private final SplittableRandom policyRandom;
        private final SplittableRandom churnRandom;
        private final Tracker tracker;
        private final boolean[] online = new boolean[peers];
        /** When each peer last came online: it is judged only on chunks created after that. */
        private final double[] joinedS = new double[peers];
        /** When each peer next leaves (online) or comes back (offline). */
        private final double[] nextChurn = new double[peers];
        private final double[] nextRefresh = new double[peers];
        private final int sourceAs;
        private final PeerSelection policy;
        private final long[] have = new long[peers + 1];
        /** A node's buffer map while it has a free upload slot, else 0: what it can offer now. */
        private final long[] offer = new long[peers + 1];
        /** What a node offers neighbours outside its PID: it keeps some slots for near ones ({@link #reservedForNear}). */
        private final long[] offerFar = new long[peers + 1];
        /** Upload slots a peer with near neighbours keeps for them: half, so the AS is served before others. */
        private final int[] reservedForNear = new int[peers + 1];
        private final long[] pending = new long[peers];
        /**
         * Chunks a peer holds, fetches, or knows to be held or fetched by a near neighbour or, through
         * theirs, further inside its PID: the buffer map with the near neighbours' "coming" bits, so
         * the news that a chunk is being brought in spreads through the PID one hop per step.
         */
        private final long[] coming = new long[peers];
        /** Peers by AS: those of AS a are byAs[asStart[a]] .. byAs[asStart[a + 1] - 1]. */
        private final int[] byAs = new int[peers];
        private final int[] asStart = new int[ases + 1];
        private final int[] downloads = new int[peers];
        private final int[] uploads = new int[peers + 1];
        private final double[] uplinkBps = new double[peers + 1];
        /** Uploads a node serves at once: enough to keep each at half the stream rate or more. */
        private final int[] slots = new int[peers + 1];
        private final double chunkBits = config.chunkBytes() * 8;
        /** Peer p's neighbours, near ones first, then by link cost, at p * stride .. p * stride + neighbourCount[p] - 1. */
        private final int[] neighbours;
        private final int[] neighbourCount = new int[peers];
        /** The policy's cost of the link from each neighbour (same layout as {@link #neighbours}). */
        private final double[] neighbourCost;
        /** Peer p's near neighbours are the first nearCount[p] of its neighbours. */
        private final int[] nearCount = new int[peers];
        /** Exchange scratch: heard[q] == heardStamp when q was heard of in the current exchange. */
        private final int[] heard = new int[peers];
        private final int[] heardPeers = new int[config.candidates() + config.neighbours() * (config.neighbours() + 1)];
        private int heardStamp;
        private final SupplierChoice choice = new SupplierChoice(config.neighbours());
        /** Salt of the per-peer-and-chunk local waits. */
        private final long waitSalt;
        private final int stride = config.neighbours();
        private final FlowNetwork network;
        private final double[] asInbound = new double[ases];
        private final Histogram delays;
        private int base;
        private int produced;
        private int nextDeadline;
        private double bytesDelivered;
        private double bytesInterAs;
        private double transitFees;
        private long chunksDelivered;
        private long chunksLate;
        private long measuredPairs;
        private long misses;
        private double bytesDropped;
        private long leaves;
        private long refreshes;

        Run() {
            candidateRandom = root.split();
            policyRandom = root.split();
            sourceAs = root.split().nextInt(ases);
            waitSalt = root.split().nextLong();
            churnRandom = root.split();
            policy = PeerSelection.named(config.policy(), topology);
            tracker = Tracker.withEveryone(peers, config.candidates());
            for (int p = 0; p < peers; p++) {
                uplinkBps[p] = topology.uplinkBps(p);
                asStart[topology.asOf(p) + 1]++;
            }
            for (int a = 0; a < ases; a++) {
                asStart[a + 1] += asStart[a];
            }
            int[] filled = Arrays.copyOf(asStart, ases);
            for (int p = 0; p < peers; p++) {
                byAs[filled[topology.asOf(p)]++] = p;
            }
            uplinkBps[source] = config.sourceUplinkBps();
            for (int node = 0; node <= peers; node++) {
                slots[node] = Math.max(1, (int) (2 * uplinkBps[node] / config.streamRateBps()));
            }
            neighbours = new int[peers * stride]; // one flat array: the scheduler's inner loop walks it
            neighbourCost = new double[peers * stride];
            Churn churn = config.churn();
            for (int p = 0; p < peers; p++) { // everyone chooses first, so that each exchange hears of whole neighbour sets
                chooseFromTracker(p);
                online[p] = true;
            }
            for (int p = 0; p < peers; p++) {
                exchangeWithinPid(p);
                nextChurn[p] = churn.peersLeave() ? exponential(churn.meanSessionS()) : Double.POSITIVE_INFINITY;
                nextRefresh[p] = churn.refreshS() == Double.POSITIVE_INFINITY ? churn.refreshS() : churn.refreshS() * churnRandom.nextDouble();
            }
            double[] capacity = new double[2 * peers + 1 + 2 * ases];
            for (int p = 0; p < peers; p++) {
                capacity[up(p)] = topology.uplinkBps(p) / 8;
                capacity[down(p)] = topology.downlinkBps(p) / 8;
            }
            capacity[up(source)] = config.sourceUplinkBps() / 8;
            for (int a = 0; a < ases; a++) {
                capacity[egress(a)] = topology.transitCapacityBps(a) / 8;
                capacity[ingress(a)] = topology.transitCapacityBps(a) / 8;
            }
            network = new FlowNetwork(capacity);
            delays = new Histogram(0.01, config.playoutDelayS() * 4);
        }

        /** p asks the tracker for candidates, its policy picks its neighbours from them, and p exchanges within its PID. */
        private void selectNeighbours(int p) {
            chooseFromTracker(p);
            exchangeWithinPid(p);
        }

        private void chooseFromTracker(int p) {
            setNeighbours(p, policy.choose(p, tracker.candidatesFor(p, candidateRandom), config.neighbours(), policyRandom));
        }

        /**
         * p hears from its near neighbours which near neighbours they have, and its policy chooses again
         * from a tracker sample, its neighbours and those. A sample holds only some of p's PID; after one
         * exchange p knows nearly all of it, so chunks can reach it from every peer that brought them into
         * the PID, not only from a few; the fresh sample keeps the other places (the random ones too) as
         * varied as the first choice's. Policies that cannot tell who is near hear nothing.
         */
        private void exchangeWithinPid(int p) {
            if (nearCount[p] == 0) {
                return;
            }
            int first = p * stride;
            int count = 0;
            heardStamp++;
            heard[p] = heardStamp;
            for (int k = first; k < first + neighbourCount[p]; k++) {
                heard[neighbours[k]] = heardStamp;
                heardPeers[count++] = neighbours[k];
            }
            int known = count;
            for (int k = first; k < first + nearCount[p]; k++) {
                int n = neighbours[k];
                for (int j = n * stride; j < n * stride + nearCount[n]; j++) {
                    int mate = neighbours[j];
                    if (heard[mate] != heardStamp && online[mate]) {
                        heard[mate] = heardStamp;
                        heardPeers[count++] = mate;
                    }
                }
            }
            if (count > known) {
                for (int candidate : tracker.candidatesFor(p, candidateRandom)) {
                    if (heard[candidate] != heardStamp) {
                        heard[candidate] = heardStamp;
                        heardPeers[count++] = candidate;
                    }
                }
                setNeighbours(p, policy.choose(p, Arrays.copyOf(heardPeers, count), config.neighbours(), policyRandom));
            }
        }

        private double exponential(double mean) {
            return -mean * Math.log(1 - churnRandom.nextDouble());
        }

        /** Peers whose time has come leave or come back; neighbour sets due for renewal are renewed. */
        private void churn(double now) {
            Churn churn = config.churn();
            for (int p = 0; p < peers; p++) {
                if (nextChurn[p] <= now) {
                    if (online[p]) {
                        leave(p, now);
                        nextChurn[p] = now + exponential(churn.meanOfflineS());
                        observer.left(p, now);
                    } else {
                        online[p] = true;
                        joinedS[p] = now;
                        tracker.join(p);
                        selectNeighbours(p);
                        nextChurn[p] = now + exponential(churn.meanSessionS());
                        observer.returned(p, now);
                    }
                }
                if (nextRefresh[p] <= now) {
                    if (online[p]) {
                        selectNeighbours(p);
                        refreshes++;
                    }
                    nextRefresh[p] += churn.refreshS();
                }
            }
        }

        /**
         * p goes: its transfers in both directions stop, its buffer is gone, the tracker forgets it, and
         * the news it fed into its PID's {@link #coming} is withdrawn.
         */
        private void leave(int p, double now) {
            long fed = have[p] | pending[p];
            for (int i = network.liveFlows() - 1; i >= 0; i--) { // backwards: removing moves the last flow into place i
                int flow = network.liveFlow(i);
                if (network.sender(flow) == p || network.receiver(flow) == p) {
                    drop(flow);
                }
            }
            online[p] = false;
            have[p] = 0;
            pending[p] = 0;
            coming[p] = 0;
            offer[p] = 0;
            offerFar[p] = 0;
            tracker.leave(p);
            withdrawNews(topology.asOf(p), fed);
            leaves++;
        }

        /**
         * Forgets throughout an AS that these chunks are on their way into it. The news circulates
         * among near neighbours, each passing on what it heard, so it would outlive its source: after
         * a holder left or a transfer into the AS was cut off, its PID would wait for the chunks until
         * the fallback slack. Holders and fetchers still there spread it again, one hop per step.
         */
        private void withdrawNews(int as, long chunks) {
            for (int i = asStart[as]; i < asStart[as + 1]; i++) {
                coming[byAs[i]] &= ~chunks;
            }
        }

        /** Ends a transfer before it completes; the bytes it moved count as delivered and dropped. */
        private void drop(int flow) {
            int sender = network.sender(flow);
            int receiver = network.receiver(flow);
            int chunk = network.item(flow);
            double part = chunkBytes - network.remaining(flow);
            countCrossing(sender, receiver, part);
            bytesDropped += part;
            uploads[sender]--;
            refreshOffer(sender);
            if (sender != source) {
                downloads[receiver]--;
            }
            if (chunk >= base) {
                long bit = 1L << (chunk - base);
                pending[receiver] &= ~bit;
                withdrawNews(topology.asOf(receiver), bit);
            }
            network.remove(flow);
        }

        /** Stores p's neighbours near ones first, then by link cost, the policy's order breaking ties. */
        private void setNeighbours(int p, int[] chosen) {
            Integer[] order = new Integer[chosen.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.<Integer, Boolean>comparing(i -> !policy.near(p, chosen[i]))
                    .thenComparingDouble(i -> policy.linkCost(p, chosen[i])));
            int first = p * stride;
            nearCount[p] = 0;
            for (int i = 0; i < chosen.length; i++) {
                int n = chosen[order[i]];
                neighbours[first + i] = n;
                neighbourCost[first + i] = policy.linkCost(p, n);
                nearCount[p] += policy.near(p, n) ? 1 : 0;
            }
            neighbourCount[p] = chosen.length;
            observer.neighboursChosen(p, chosen);
            reservedForNear[p] = nearCount[p] > 0 ? slots[p] / 2 : 0;
        }

        private int up(int node) {
            return node;
        }

        private int down(int peer) {
            return peers + 1 + peer;
        }

        private int egress(int as) {
            return 2 * peers + 1 + as;
        }

        private int ingress(int as) {
            return 2 * peers + 1 + ases + as;
        }

        private int asOf(int node) {
            return node == source ? sourceAs : topology.asOf(node);
        }

        private double created(int chunk) {
            return (chunk + 1) * config.chunkS();
        }

        private double deadline(int chunk) {
            return created(chunk) + config.playoutDelayS();
        }

        private boolean measured(int chunk) {
            return created(chunk) >= config.warmupS() && deadline(chunk) <= config.durationS();
        }

        StreamingResult execute() {
            double dt = config.stepS();
            long steps = Math.round(config.durationS() / dt);
            for (long step = 0; step < steps; step++) {
                double now = step * dt;
                checkDeadlines(now);
                churn(now);
                produce(now);
                schedule(now);
                network.step(now, dt, this);
                observer.stepped(now, network);
            }
            checkDeadlines(config.durationS());
            return result();
        }

        /** Every chunk whose deadline has come: each peer without it missed it. */
        private void checkDeadlines(double now) {
            while (nextDeadline < produced && deadline(nextDeadline) <= now) {
                if (measured(nextDeadline)) {
                    long bit = 1L << (nextDeadline - base);
                    double created = created(nextDeadline);
                    for (int p = 0; p < peers; p++) {
                        if (online[p] && joinedS[p] <= created) { // there since the chunk was made
                            measuredPairs++;
                            if ((have[p] & bit) == 0) {
                                misses++;
                            }
                        }
                    }
                }
                nextDeadline++;
            }
        }

        private void produce(double now) {
            while (created(produced) <= now) {
                int chunk = produced++;
                int shift = chunk - base - (StreamingConfig.WINDOW - 1);
                if (shift > 0) {
                    slide(shift);
                }
                long bit = 1L << (chunk - base);
                have[source] |= bit;
                refreshOffer(source);
                int fanout = Math.min(config.sourceFanout(), tracker.presentCount());
                for (int pushed = 0; pushed < fanout; ) {
                    int peer = schedulingRandom.nextInt(peers);
                    if (online[peer] && (pending[peer] & bit) == 0) {
                        pending[peer] |= bit;
                        startTransfer(source, peer, chunk, now);
                        pushed++;
                    }
                }
            }
        }

        private void slide(int shift) {
            for (int node = 0; node <= peers; node++) {
                have[node] >>>= shift;
                offer[node] >>>= shift;
                offerFar[node] >>>= shift;
            }
            for (int p = 0; p < peers; p++) {
                pending[p] >>>= shift;
                coming[p] >>>= shift;
            }
            base += shift;
        }

        private void schedule(double now) {
            int firstLive = nextDeadline - base; // chunks before it are past their deadline
            int produced = this.produced - base; // chunks from it on do not exist yet
            long live = (firstLive <= 0 ? -1L : firstLive >= StreamingConfig.WINDOW ? 0 : -1L << firstLive)
                    & (produced >= StreamingConfig.WINDOW ? -1L : (1L << produced) - 1);
            int start = schedulingRandom.nextInt(peers); // no peer always asks first
            for (int i = 0; i < peers; i++) {
                int p = start + i < peers ? start + i : start + i - peers;
                if (!online[p]) {
                    continue;
                }
                int first = p * stride;
                int lastNear = first + nearCount[p];
                long comingNear = 0; // chunks inside p's PID, or on their way in
                for (int k = first; k < lastNear; k++) {
                    comingNear |= coming[neighbours[k]];
                }
                coming[p] = comingNear | have[p] | pending[p];
                if (downloads[p] >= config.parallelRequests()) {
                    continue;
                }
                long lacking = ~(have[p] | pending[p]) & live;
                if (lacking == 0) {
                    continue;
                }
                int last = first + neighbourCount[p];
                long offered = 0;
                for (int k = first; k < last; k++) {
                    int n = neighbours[k];
                    offered |= k < lastNear ? offer[n] : offerFar[n];
                }
                long useful = offered & lacking;
                while (useful != 0 && downloads[p] < config.parallelRequests()) {
                    long bit = Long.lowestOneBit(useful); // earliest deadline first
                    useful &= ~bit;
                    int chunk = base + Long.numberOfTrailingZeros(bit);
                    int supplier = supplier(p, chunk, bit, now, waitsForNear(p, chunk, now, (comingNear & bit) != 0) ? lastNear : last);
                    if (supplier < 0) {
                        continue; // no holder it may use could deliver in time
                    }
                    pending[p] |= bit;
                    coming[p] |= bit;
                    downloads[p]++;
                    startTransfer(supplier, p, chunk, now + topology.rttS(supplier, p));
                }
            }
        }

        /** The neighbour of p (among its first ones up to {@code last}) to pull the chunk from, or -1. */
        private int supplier(int p, int chunk, long bit, double now, int last) {
            int lastNear = p * stride + nearCount[p];
            choice.clear();
            for (int k = p * stride; k < last; k++) {
                int n = neighbours[k];
                if (((k < lastNear ? offer[n] : offerFar[n]) & bit) != 0) {
                    double rate = uplinkBps[n] / (uploads[n] + 1);
                    choice.add(n, neighbourCost[k], rate, now + topology.rttS(n, p) + chunkBits / rate);
                }
            }
            return choice.choose(deadline(chunk), config.streamRateBps() / 2);
        }

        /**
         * Whether p still takes this chunk from near neighbours only: it has some, the deadline is not
         * close, and the chunk is on its way into p's network location (see {@link #coming}) or younger
         * than p's local wait for it.
         */
        private boolean waitsForNear(int p, int chunk, double now, boolean comingNear) {
            if (config.localWaitS() == 0 || nearCount[p] == 0 || deadline(chunk) - now <= config.fallbackSlackS()) {
                return false;
            }
            // Strong uplinks wait less: the peer that brings a chunk in should be able to pass it on quickly.
            return comingNear || now - created(chunk) < config.localWaitS() * localWaitDraw(p, chunk) * config.streamRateBps() / uplinkBps[p];
        }

        /** A uniform draw in [0, 1) fixed per peer and chunk (a hash, so nothing is stored per chunk). */
        private double localWaitDraw(int p, int chunk) {
            long z = waitSalt + p * 0x9E3779B97F4A7C15L + chunk * 0xC2B2AE3D27D4EB4FL;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
        }

        private void startTransfer(int sender, int receiver, int chunk, double startAt) {
            int fromAs = asOf(sender);
            int toAs = topology.asOf(receiver);
            boolean crossing = fromAs != toAs;
            int senderTransit = crossing && sender != source ? egress(fromAs) : FlowNetwork.NONE;
            int receiverTransit = crossing ? ingress(toAs) : FlowNetwork.NONE;
            uploads[sender]++;
            refreshOffer(sender);
            network.add(chunkBytes, startAt, up(sender), down(receiver), senderTransit, receiverTransit, sender, receiver, chunk);
        }

        private void refreshOffer(int node) {
            offer[node] = uploads[node] < slots[node] ? have[node] : 0;
            offerFar[node] = uploads[node] < slots[node] - reservedForNear[node] ? have[node] : 0;
        }

        @Override
        public void moved(int flow, double amount) {
            bytesDelivered += amount; // inter-AS bytes are counted per transfer, at its end (no transfer is cut off)
        }

        /** Counts {@code amount} bytes of a transfer between two nodes as crossing ASes if it does. */
        private void countCrossing(int sender, int receiver, double amount) {
            int fromAs = asOf(sender);
            int toAs = topology.asOf(receiver);
            if (fromAs != toAs) {
                bytesInterAs += amount;
                asInbound[toAs] += amount;
                transitFees += amount * topology.transitCost(fromAs, toAs);
            }
        }

        @Override
        public void completed(int flow, double time) {
            int sender = network.sender(flow);
            int receiver = network.receiver(flow);
            int chunk = network.item(flow);
            uploads[sender]--;
            refreshOffer(sender);
            countCrossing(sender, receiver, chunkBytes);
            if (sender != source) {
                downloads[receiver]--;
            }
            if (chunk >= base) {
                long bit = 1L << (chunk - base);
                pending[receiver] &= ~bit;
                have[receiver] |= bit;
                refreshOffer(receiver);
            }
            chunksDelivered++;
            if (time > deadline(chunk)) {
                chunksLate++;
            }
            if (measured(chunk)) {
                delays.add(time - created(chunk));
            }
            observer.delivered(sender, receiver, chunk, created(chunk), network.startAt(flow), time);
        }

        private StreamingResult result() {
            double inFlight = bytesInFlight(); // first: it adds the in-flight part of the inter-AS bytes
            double utilisationSum = 0;
            double utilisationMax = 0;
            int withPeers = 0;
            for (int a = 0; a < ases; a++) {
                if (topology.peersIn(a) > 0) {
                    double utilisation = asInbound[a] / (topology.transitCapacityBps(a) / 8 * config.durationS());
                    utilisationSum += utilisation;
                    utilisationMax = Math.max(utilisationMax, utilisation);
                    withPeers++;
                }
            }
            return new StreamingResult(policy.name(), config.topology().seed(), peers, ases,
                    bytesDelivered == 0 ? 0 : bytesInterAs / bytesDelivered, lowerBound(), delays.mean(), delays.quantile(0.95),
                    measuredPairs == 0 ? 0 : (double) misses / measuredPairs,
                    bytesDelivered == 0 ? 0 : transitFees / bytesDelivered,
                    utilisationSum / withPeers, utilisationMax, asInbound.clone(), bytesDelivered, bytesInterAs,
                    chunksDelivered, chunksLate, inFlight, bytesDropped, leaves, refreshes);
        }

        /** Every peer must receive every chunk; the source sits in {@code sourceAs}. */
        private double lowerBound() {
            int[] receiverAs = new int[peers];
            Arrays.setAll(receiverAs, topology::asOf);
            return InterAsBound.share(receiverAs, sourceAs);
        }

        /** Bytes moved by transfers still under way; their inter-AS part is counted here. */
        private double bytesInFlight() {
            double moved = 0;
            for (int i = 0; i < network.liveFlows(); i++) {
                int flow = network.liveFlow(i);
                double part = chunkBytes - network.remaining(flow);
                countCrossing(network.sender(flow), network.receiver(flow), part);
                moved += part;
            }
            return moved;
        }
    }
}
