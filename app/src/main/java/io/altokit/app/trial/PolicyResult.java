package io.altokit.app.trial;

import io.altokit.sim.report.Summary;

import java.time.Duration;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * What one policy's run measured.
 *
 * @param downloaders    the peers that downloaded (all but the super-seed)
 * @param completed      those that finished within the time limit
 * @param verified       those whose file matches the payload (SHA-256)
 * @param interAreaBytes bytes that left an area through its uplink
 * @param totalBytes     bytes the peers sent
 * @param downloadTimes  the completed peers' download times
 * @param elapsed        the run, from the first client's start to the last completion or the time limit
 */
public record PolicyResult(Policy policy, int peers, int areas, int downloaders, int completed, int verified, long interAreaBytes,
                           long totalBytes, List<Duration> downloadTimes, Duration elapsed) {

    public PolicyResult {
        downloadTimes = List.copyOf(downloadTimes);
    }

    /** Inter-area bytes over all bytes the peers sent; NaN when nothing was sent. */
    public double interAreaShare() {
        return totalBytes == 0 ? Double.NaN : (double) interAreaBytes / totalBytes;
    }

    public double meanDownloadSeconds() {
        return seconds().average().orElse(Double.NaN);
    }

    /** The 95th percentile, nearest rank. */
    public double p95DownloadSeconds() {
        double[] sorted = seconds().sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    }

    private DoubleStream seconds() {
        return downloadTimes.stream().mapToDouble(time -> time.toMillis() / 1000.0);
    }

    /** The columns of the table and of the JSON objects, in this order. */
    public Summary summary() {
        return Summary.builder()
                .put("policy", policy.label())
                .put("peers", (long) peers)
                .put("areas", (long) areas)
                .put("completed", (long) completed)
                .put("verified", (long) verified)
                .put("inter_area_bytes", interAreaBytes)
                .put("total_bytes", totalBytes)
                .put("inter_area_share", interAreaShare())
                .put("download_time_mean_s", meanDownloadSeconds())
                .put("download_time_p95_s", p95DownloadSeconds())
                .put("run_s", elapsed.toMillis() / 1000.0)
                .build();
    }
}
