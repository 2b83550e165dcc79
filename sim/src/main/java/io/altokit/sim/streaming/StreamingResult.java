package io.altokit.sim.streaming;

import io.altokit.sim.report.Summary;

/**
 * What a live-streaming run measured. Traffic counts every byte delivered over the whole run;
 * delay and deadline figures count the chunks created after the warm-up whose deadline fell
 * within the run.
 *
 * @param interAsTrafficShare   share of the delivered bytes that crossed an AS boundary
 * @param interAsLowerBound     the least share any scheduler could reach here ({@link io.altokit.sim.topology.InterAsBound})
 * @param chunkDelayMeanS       mean time from a chunk's creation to its arrival at a peer
 * @param chunkDelayP95S        95th percentile of that (within the histogram's 10 ms bins)
 * @param deadlineMissShare     share of (peer, chunk) pairs not received by the playout deadline
 * @param transitCostPerGb      transit fees paid (the topology's {@code priv:transit} per GB crossing), per GB delivered
 * @param transitUtilisationMean mean over ASes with peers of their transit links' inbound utilisation
 * @param transitUtilisationMax  the busiest AS's inbound transit utilisation
 * @param asInboundBytes        per AS: bytes that entered it from other ASes (the per-AS load)
 * @param bytesDelivered        every byte that reached a peer, source pushes included
 * @param bytesInterAs          those that crossed an AS boundary
 * @param chunksDelivered       completed chunk transfers
 * @param chunksLate            transfers that completed after the chunk's deadline
 * @param bytesInFlight         bytes of transfers still under way at the end
 * @param bytesDropped          bytes of transfers cut off because a peer left
 * @param leaves                times a peer left (churn)
 * @param refreshes             times a present peer re-selected its neighbours from the tracker
 */
public record StreamingResult(String policy, long seed, int peers, int ases, double interAsTrafficShare, double interAsLowerBound,
                              double chunkDelayMeanS, double chunkDelayP95S, double deadlineMissShare,
                              double transitCostPerGb, double transitUtilisationMean, double transitUtilisationMax,
                              double[] asInboundBytes, double bytesDelivered, double bytesInterAs,
                              long chunksDelivered, long chunksLate, double bytesInFlight,
                              double bytesDropped, long leaves, long refreshes) {

    /** The headline figures; the first seven are the ones every report carries. */
    public Summary summary() {
        return Summary.builder()
                .put("policy", policy)
                .put("inter_as_traffic_share", interAsTrafficShare)
                .put("inter_as_lower_bound", interAsLowerBound)
                .put("inter_as_share_to_bound", interAsLowerBound > 0 ? interAsTrafficShare / interAsLowerBound : Double.NaN)
                .put("chunk_delay_mean_s", chunkDelayMeanS)
                .put("chunk_delay_p95_s", chunkDelayP95S)
                .put("deadline_miss_share", deadlineMissShare)
                .put("transit_cost_per_gb", transitCostPerGb)
                .put("transit_utilisation_mean", transitUtilisationMean)
                .put("transit_utilisation_max", transitUtilisationMax)
                .put("seed", seed)
                .put("peers", peers)
                .put("ases", ases)
                .build();
    }
}
