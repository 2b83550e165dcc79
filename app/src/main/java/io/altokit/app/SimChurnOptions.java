package io.altokit.app;

import io.altokit.app.config.Durations;
import io.altokit.sim.streaming.Churn;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Streaming churn and neighbour re-selection, for {@code alto sim streaming} and {@code alto sim sweep}. */
final class SimChurnOptions {

    @Option(names = "--session", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "Churn: mean time a peer stays (exponential), e.g. 5m. Default: peers stay for the whole stream.")
    private Duration session;

    @Option(names = "--offline", defaultValue = "1m", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "Churn: mean time a peer that left is away before it comes back (exponential). Default: ${DEFAULT-VALUE}.")
    private Duration offline;

    @Option(names = "--refresh", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "How often a peer re-selects its neighbours from the tracker, e.g. 1m. Default: never.")
    private Duration refresh;

    /** @throws IllegalArgumentException for a time that is not above 0 */
    Churn churn() {
        return new Churn(seconds(session), seconds(offline), seconds(refresh));
    }

    /** An unset time means never. */
    private static double seconds(Duration value) {
        return value == null ? Double.POSITIVE_INFINITY : value.toMillis() / 1000.0;
    }
}
