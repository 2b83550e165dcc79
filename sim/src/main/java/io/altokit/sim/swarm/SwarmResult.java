package io.altokit.sim.swarm;

import io.altokit.sim.report.Summary;

/**
 * What a swarm run measured.
 *
 * @param completedShare        share of the peers that finished the download within the time limit
 * @param downloadTimeMeanS     mean time from joining to holding every piece, over finished peers
 * @param downloadTimeP95S      95th percentile of that (1 s bins)
 * @param interAsTrafficShare   share of the delivered bytes that crossed an AS boundary
 * @param interAsLowerBound     the least share any piece exchange could reach here ({@link io.altokit.sim.topology.InterAsBound})
 * @param uplinkUtilisation     bytes the peers uploaded over what their uplinks could carry while present
 * @param transitCostPerGb      transit fees paid per GB delivered
 * @param transitUtilisationMean mean inbound transit-link utilisation over ASes with peers
 * @param transitUtilisationMax  the busiest AS's
 * @param bytesDelivered        every byte that reached a peer
 * @param bytesInterAs          those that crossed an AS boundary
 * @param piecesDelivered       completed piece transfers
 * @param bytesPartial          bytes of pieces not complete at the end (held, or moving in a transfer)
 * @param endS                  when the run ended
 * @param pexConnections        connections made to peers heard of through peer exchange
 */
public record SwarmResult(String policy, long seed, int peers, int ases, double completedShare, double downloadTimeMeanS,
                          double downloadTimeP95S, double interAsTrafficShare, double interAsLowerBound, double uplinkUtilisation,
                          double transitCostPerGb,
                          double transitUtilisationMean, double transitUtilisationMax, double bytesDelivered, double bytesInterAs,
                          long piecesDelivered, double bytesPartial, double endS,
                          long pexConnections) {

    public Summary summary() {
        return Summary.builder()
                .put("policy", policy)
                .put("download_time_mean_s", downloadTimeMeanS)
                .put("download_time_p95_s", downloadTimeP95S)
                .put("inter_as_traffic_share", interAsTrafficShare)
                .put("inter_as_lower_bound", interAsLowerBound)
                .put("inter_as_share_to_bound", interAsLowerBound > 0 ? interAsTrafficShare / interAsLowerBound : Double.NaN)
                .put("completed_share", completedShare)
                .put("uplink_utilisation", uplinkUtilisation)
                .put("transit_cost_per_gb", transitCostPerGb)
                .put("transit_utilisation_mean", transitUtilisationMean)
                .put("transit_utilisation_max", transitUtilisationMax)
                .put("seed", seed)
                .put("peers", peers)
                .put("ases", ases)
                .build();
    }
}
