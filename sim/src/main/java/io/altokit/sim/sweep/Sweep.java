package io.altokit.sim.sweep;

import io.altokit.sim.report.Summary;
import io.altokit.sim.stats.Confidence;
import io.altokit.sim.streaming.StreamingConfig;
import io.altokit.sim.streaming.StreamingObserver;
import io.altokit.sim.streaming.StreamingSimulator;
import io.altokit.sim.swarm.SwarmConfig;
import io.altokit.sim.swarm.SwarmObserver;
import io.altokit.sim.swarm.SwarmSimulator;
import io.altokit.sim.topology.Topology;
import io.altokit.sim.topology.TopologySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Every policy over several seeds, for one simulator: the runs in parallel (each run is
 * independent and reproducible, so the thread count does not change any number), then a CSV of
 * every run, a CSV of means with 95 % confidence intervals per policy, and one PNG bar chart per
 * headline metric.
 *
 * @param name      file name prefix, e.g. {@code streaming}
 * @param topology  the topology spec for a seed
 * @param run       runs one policy on a generated topology
 * @param metrics   the numeric columns to plot, with their axis labels
 */
public record Sweep(String name, LongFunction<TopologySpec> topology, Runner run, Map<String, String> metrics) {

    /** Runs one policy on a topology. */
    @FunctionalInterface
    public interface Runner {
        Summary run(String policy, Topology topology);
    }

    /** Receives a note after each finished run (for a progress bar); called from worker threads. */
    @FunctionalInterface
    public interface Progress {
        void runDone(String description);
    }

    public static Sweep streaming(LongFunction<TopologySpec> topology, Function<TopologySpec, StreamingConfig> config) {
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("inter_as_traffic_share", "share of traffic crossing an AS boundary");
        metrics.put("inter_as_share_to_bound", "inter-AS share / its lower bound");
        metrics.put("chunk_delay_mean_s", "mean chunk delay (s)");
        metrics.put("chunk_delay_p95_s", "95th percentile chunk delay (s)");
        metrics.put("deadline_miss_share", "share of chunks missing the playout deadline");
        metrics.put("transit_cost_per_gb", "transit cost per GB delivered");
        return new Sweep("streaming", topology, (policy, network) -> new StreamingSimulator(
                config.apply(network.spec()).withPolicy(policy), network, StreamingObserver.NONE).run().summary(), metrics);
    }

    public static Sweep swarm(LongFunction<TopologySpec> topology, Function<TopologySpec, SwarmConfig> config) {
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("download_time_mean_s", "mean download time (s)");
        metrics.put("download_time_p95_s", "95th percentile download time (s)");
        metrics.put("inter_as_traffic_share", "share of traffic crossing an AS boundary");
        metrics.put("inter_as_share_to_bound", "inter-AS share / its lower bound");
        metrics.put("uplink_utilisation", "peer uplink utilisation");
        metrics.put("transit_cost_per_gb", "transit cost per GB delivered");
        return new Sweep("swarm", topology, (policy, network) -> new SwarmSimulator(
                config.apply(network.spec()).withPolicy(policy), network, SwarmObserver.NONE).run().summary(), metrics);
    }

    /** Runs every policy with every seed; returns the runs in (seed, policy) order. */
    public List<Summary> runAll(List<String> policies, List<Long> seeds, int threads, Progress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Summary>> runs = new ArrayList<>();
            for (long seed : seeds) {
                Topology network = Topology.generate(topology.apply(seed));
                for (String policy : policies) {
                    runs.add(pool.submit(() -> {
                        Summary summary = run.run(policy, network);
                        progress.runDone(name + " " + policy + " seed " + seed);
                        return summary;
                    }));
                }
            }
            List<Summary> results = new ArrayList<>();
            for (Future<Summary> future : runs) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Per policy and metric: mean and 95 % confidence interval over the runs. */
    public Map<String, Map<String, Confidence>> confidence(List<String> policies, List<Summary> runs) {
        Map<String, Map<String, Confidence>> table = new LinkedHashMap<>();
        for (String policy : policies) {
            List<Summary> mine = runs.stream().filter(run -> policy.equals(run.columns().get("policy"))).toList();
            Map<String, Confidence> row = new LinkedHashMap<>();
            for (String metric : metrics.keySet()) {
                row.put(metric, Confidence.of(mine.stream().mapToDouble(run -> run.number(metric)).toArray()));
            }
            table.put(policy, row);
        }
        return table;
    }

    /** Writes NAME-runs.csv, NAME-summary.csv and NAME-METRIC.png into {@code directory}. */
    public List<Path> write(Path directory, List<String> policies, List<Summary> runs) {
        try {
            Files.createDirectories(directory);
            List<Path> written = new ArrayList<>();
            written.add(Csv.writeRuns(directory.resolve(name + "-runs.csv"), runs));
            Map<String, Map<String, Confidence>> table = confidence(policies, runs);
            written.add(Csv.writeConfidence(directory.resolve(name + "-summary.csv"), table));
            for (Map.Entry<String, String> metric : metrics.entrySet()) {
                written.add(Plots.bars(directory.resolve(name + "-" + metric.getKey().replace('_', '-') + ".png"),
                        name + ": " + metric.getValue(), metric.getValue(), metric.getKey(), table));
            }
            return written;
        } catch (IOException e) {
            String reason = e instanceof FileSystemException failure && failure.getReason() != null
                    ? failure.getFile() + ": " + failure.getReason() : e.getClass().getSimpleName() + " " + e.getMessage();
            throw new UncheckedIOException("cannot write the sweep's results to " + directory + " (" + reason + ")", e);
        }
    }
}
