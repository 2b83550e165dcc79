package io.altokit.app;

import io.altokit.app.config.Durations;
import io.altokit.sim.report.Summary;
import io.altokit.sim.report.Table;
import io.altokit.sim.select.PeerSelection;
import io.altokit.sim.stats.Confidence;
import io.altokit.sim.streaming.Churn;
import io.altokit.sim.streaming.StreamingConfig;
import io.altokit.sim.swarm.SwarmConfig;
import io.altokit.sim.sweep.Sweep;
import io.altokit.sim.topology.CapacityMix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/** {@code alto sim sweep}: every policy over several seeds, written as CSV and PNG plots. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run every policy over several seeds (streaming and swarm), print means with 95%% confidence intervals, write CSV and PNG plots.")
final class SimSweepCommand implements Callable<Integer> {

    /** The simulators a sweep can cover. */
    enum Simulator { streaming, swarm }

    @Spec
    private CommandSpec spec;

    @Mixin
    private SimTopologyOptions topology;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the CSV files and plots (created if needed).")
    private Path out;

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds per policy: 1, 2, ... Default: ${DEFAULT-VALUE}.")
    private int seeds;

    @Option(names = "--sim", split = ",", paramLabel = "NAME", description = "Simulators: streaming, swarm (comma-separated). Default: both.")
    private List<Simulator> simulators = List.of(Simulator.streaming, Simulator.swarm);

    @Option(names = "--policy", split = ",", paramLabel = "NAME", description = "Policies (comma-separated). Default: all.")
    private List<String> policies = PeerSelection.NAMES;

    @Option(names = "--duration", defaultValue = "10m", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "Streaming: simulated time per run, e.g. 10m or 600s. Default: ${DEFAULT-VALUE}.")
    private Duration duration;

    @Mixin
    private SimChurnOptions churn;

    @Option(names = "--file-mb", defaultValue = "20", description = "Swarm: file size in MB. Default: ${DEFAULT-VALUE}.")
    private double fileMb;

    @Option(names = "--threads", description = "Runs in parallel. Default: the number of processors.")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> names;
        List<Sweep> sweeps = new ArrayList<>();
        try {
            if (seeds < 1 || threads < 1) {
                throw new IllegalArgumentException("--seeds and --threads must be at least 1");
            }
            names = policies.stream().map(PeerSelection::requireKnown).toList();
            for (Simulator simulator : simulators) {
                sweeps.add(switch (simulator) {
                    case streaming -> {
                        // Built once here so that bad options fail before any run starts.
                        Churn churning = churn.churn();
                        StreamingConfig.defaults(topology.spec(CapacityMix.BROADBAND, 1), names.getFirst()).withDuration(seconds());
                        yield Sweep.streaming(seed -> topology.spec(CapacityMix.BROADBAND, seed),
                                spec -> StreamingConfig.defaults(spec, names.getFirst()).withDuration(seconds()).withChurn(churning));
                    }
                    case swarm -> {
                        SwarmConfig.defaults(topology.spec(CapacityMix.PAPER_TABLE_1, 1), names.getFirst()).withFile(fileMb * 1e6);
                        yield Sweep.swarm(seed -> topology.spec(CapacityMix.PAPER_TABLE_1, seed),
                                spec -> SwarmConfig.defaults(spec, names.getFirst()).withFile(fileMb * 1e6));
                    }
                });
            }
        } catch (IllegalArgumentException e) {
            err.println("alto sim sweep: " + e.getMessage());
            return 2;
        }
        try {
            Files.createDirectories(out); // before hours of runs, not after
        } catch (IOException e) {
            err.println("alto sim sweep: cannot create " + out + " (" + e.getClass().getSimpleName() + " " + e.getMessage() + ")");
            return 1;
        }
        List<Long> seedList = LongStream.rangeClosed(1, seeds).boxed().toList();
        PrintWriter print = spec.commandLine().getOut();
        try (SimProgress bar = SimProgress.of("sweep", (long) sweeps.size() * seeds * names.size(), true)) {
            for (Sweep sweep : sweeps) {
                List<Summary> runs = sweep.runAll(names, seedList, threads, description -> bar.step());
                List<Path> files = sweep.write(out, names, runs);
                print.println(sweep.name() + ": " + seeds + " seeds, mean ± 95% confidence interval");
                Table.print(print, rows(sweep.confidence(names, runs)));
                print.println("wrote " + files.size() + " files to " + out.toAbsolutePath());
            }
        } catch (UncheckedIOException e) {
            err.println("alto sim sweep: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static List<Summary> rows(Map<String, Map<String, Confidence>> table) {
        List<Summary> rows = new ArrayList<>();
        table.forEach((policy, metrics) -> {
            Summary.Builder row = Summary.builder().put("policy", policy);
            metrics.forEach((metric, value) -> row.put(metric, Double.isNaN(value.halfWidth())
                    ? String.format(Locale.ROOT, "%.4f", value.mean())
                    : String.format(Locale.ROOT, "%.4f ± %.4f", value.mean(), value.halfWidth())));
            rows.add(row.build());
        });
        return rows;
    }

    /** The simulators count time in seconds. */
    private double seconds() {
        return duration.toMillis() / 1000.0;
    }
}
