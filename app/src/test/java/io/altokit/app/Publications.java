package io.altokit.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshots a server published, as its log tells them (the publisher's "published a snapshot" lines). */
record Publications(List<Publication> all) {

    /** One publication: the network map vtag it led to and the one before. */
    record Publication(String vtag, String previousVtag) {}

    static Publications in(Path log) throws IOException {
        return new Publications(Files.readAllLines(log).stream()
                .filter(line -> line.contains("published a snapshot"))
                .map(line -> new Publication(value(line, "vtag"), value(line, "previous_vtag")))
                .toList());
    }

    /** Whether every publication moved the map on, to a map not published before: none was a repeat. */
    boolean noneRepeated() {
        return all.stream().noneMatch(publication -> publication.vtag().equals(publication.previousVtag()))
                && all.stream().map(Publication::vtag).distinct().count() == all.size();
    }

    private static String value(String line, String key) {
        Matcher value = Pattern.compile("\\b" + key + "=\"([^\"]*)\"").matcher(line);
        assertThat(value.find()).as(key + " in " + line).isTrue();
        return value.group(1);
    }
}
