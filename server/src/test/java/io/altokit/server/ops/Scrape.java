package io.altokit.server.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape in the Prometheus text format, read into samples: enough to look values up by name and labels. */
public record Scrape(List<Sample> samples, Set<String> families) {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( \\S+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** The suffixes of the samples of a family: a counter's total, a histogram's buckets, sum and count. */
    private static final List<String> SUFFIXES = List.of("", "_total", "_bucket", "_sum", "_count", "_created");

    public static Scrape of(byte[] text) {
        List<Sample> samples = new ArrayList<>();
        Set<String> families = new HashSet<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("# TYPE ")) {
                families.add(line.split(" ")[2]);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(3) != null) {
                Matcher label = LABEL.matcher(matcher.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
        }
        return new Scrape(List.copyOf(samples), Set.copyOf(families));
    }

    /** The value of the one sample with this name whose labels include {@code labels} (name, value, name, value...). */
    public OptionalDouble value(String name, String... labels) {
        List<Sample> found = matching(name, labels);
        if (found.size() > 1) {
            throw new IllegalArgumentException(found.size() + " samples match " + name + " " + List.of(labels) + ": " + found);
        }
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.getFirst().value());
    }

    public List<Sample> matching(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && has(sample, labels)).toList();
    }

    /**
     * Whether a query may name {@code name}: a sample has it, or a declared family does (with a
     * family's sample suffix), as a labelled counter that has counted nothing yet.
     */
    public boolean exposes(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name))
                || SUFFIXES.stream().anyMatch(suffix -> name.endsWith(suffix)
                && families.contains(name.substring(0, name.length() - suffix.length())));
    }

    /** The names of every sample family: a histogram's _bucket, _count and _sum under its own name. */
    public List<String> names() {
        return samples.stream().map(Sample::name).distinct().toList();
    }

    private static boolean has(Sample sample, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
