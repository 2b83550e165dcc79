package io.altokit.app.trial;

import io.altokit.sim.report.Summary;
import io.altokit.sim.report.Table;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PolicyResultTest {

    private static PolicyResult result(Policy policy, long interArea, List<Duration> times) {
        return new PolicyResult(policy, 12, 3, 11, times.size(), times.size(), interArea, 40_000_000, times, Duration.ofSeconds(61));
    }

    @Test
    void summarizesInterAreaShareAndDownloadTimes() {
        List<Duration> times = IntStream.rangeClosed(1, 20).mapToObj(Duration::ofSeconds).toList();
        PolicyResult result = result(Policy.ALTO, 10_000_000, times);

        assertThat(result.interAreaShare()).isEqualTo(0.25);
        assertThat(result.meanDownloadSeconds()).isCloseTo(10.5, within(1e-9));
        assertThat(result.p95DownloadSeconds()).as("nearest rank: the 19th of 20").isEqualTo(19.0);
    }

    @Test
    void noCompletionHasNoTimes() {
        PolicyResult result = new PolicyResult(Policy.RANDOM, 12, 3, 11, 0, 0, 0, 0, List.of(), Duration.ofMinutes(5));

        assertThat(result.meanDownloadSeconds()).isNaN();
        assertThat(result.p95DownloadSeconds()).isNaN();
        assertThat(result.interAreaShare()).isNaN();
    }

    @Test
    void theColumnsAreTheOnesTheJsonPromises() {
        Summary summary = result(Policy.ALTO_PROXY, 8_000_000, List.of(Duration.ofSeconds(30), Duration.ofMillis(42_500))).summary();

        assertThat(summary.columns().keySet()).containsExactly("policy", "peers", "areas", "completed", "verified", "inter_area_bytes",
                "total_bytes", "inter_area_share", "download_time_mean_s", "download_time_p95_s", "run_s");
        assertThat(summary.columns().get("policy")).isEqualTo("alto-proxy");
        assertThat(summary.number("completed")).isEqualTo(2);
        assertThat(summary.number("inter_area_share")).isEqualTo(0.2);
        assertThat(summary.number("download_time_mean_s")).isEqualTo(36.25);
    }

    @Test
    void printsOneAlignedRowPerPolicy() {
        StringWriter text = new StringWriter();
        Table.print(new PrintWriter(text), List.of(result(Policy.RANDOM, 30_000_000, List.of(Duration.ofSeconds(40))).summary(),
                result(Policy.ALTO, 9_000_000, List.of(Duration.ofSeconds(41))).summary()));

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("policy").contains("inter_area_share");
        assertThat(lines.get(1)).startsWith("random").contains("30000000").contains("0.7500");
        assertThat(lines.get(2)).startsWith("alto  ").contains("9000000").contains("0.2250");
        assertThat(lines.get(1).length()).isEqualTo(lines.get(2).length());
    }
}
