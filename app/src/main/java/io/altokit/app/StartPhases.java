package io.altokit.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How long each step of {@code alto serve}'s start took, logged once at INFO when the server is
 * ready: the first figure an operator sizing a machine for a large network looks at, and what says
 * which step to look into (the network's own steps are in the network loader's line). The first
 * phase, {@code jvm}, runs from the JVM's start to the first step.
 */
final class StartPhases {

    private static final Logger LOG = LoggerFactory.getLogger(StartPhases.class);

    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private long lastMillis;

    private StartPhases(long startMillis) {
        lastMillis = startMillis;
    }

    /** Phases timed from the JVM's start (wall clock, as the JVM's start time is). */
    static StartPhases sinceJvmStart() {
        StartPhases phases = new StartPhases(ManagementFactory.getRuntimeMXBean().getStartTime());
        phases.done("jvm");
        return phases;
    }

    /** The phase named {@code name} ended now: it took the time since the last one ended. */
    void done(String name) {
        long now = System.currentTimeMillis();
        phases.merge(name, Duration.ofMillis(now - lastMillis), Duration::plus);
        lastMillis = now;
    }

    /** Logs the phases and their sum, in one line. */
    void log() {
        Duration total = phases.values().stream().reduce(Duration.ZERO, Duration::plus);
        var line = LOG.atInfo().addKeyValue("millis", total.toMillis());
        phases.forEach((name, took) -> line.addKeyValue(name + "_millis", took.toMillis()));
        line.log("started in {} ms: {}", total.toMillis(), phases.entrySet().stream()
                .map(phase -> phase.getKey() + " " + phase.getValue().toMillis() + " ms").collect(Collectors.joining(", ")));
    }
}
