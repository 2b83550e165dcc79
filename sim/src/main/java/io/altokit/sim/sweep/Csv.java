package io.altokit.sim.sweep;

import io.altokit.sim.report.Summary;
import io.altokit.sim.stats.Confidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sweep's CSV files (RFC 4180; the values here never need quoting). */
final class Csv {
    private Csv() {
    }

    static Path writeRuns(Path file, List<Summary> runs) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", runs.getFirst().columns().keySet()));
        for (Summary run : runs) {
            lines.add(String.join(",", run.columns().values().stream().map(Csv::cell).toList()));
        }
        return Files.write(file, lines);
    }

    static Path writeConfidence(Path file, Map<String, Map<String, Confidence>> table) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("policy,metric,mean,ci95_half_width,runs");
        table.forEach((policy, row) -> row.forEach((metric, value) -> lines.add(String.join(",", policy, metric,
                cell(value.mean()), cell(value.halfWidth()), Integer.toString(value.n())))));
        return Files.write(file, lines);
    }

    private static String cell(Object value) {
        return value instanceof Double d ? (Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6g", d)) : String.valueOf(value);
    }
}
