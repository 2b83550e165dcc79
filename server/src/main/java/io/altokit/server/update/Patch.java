package io.altokit.server.update;

import io.altokit.model.MediaTypes;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One encoding of the change from a version of a resource to the next: an RFC 7396 merge patch or
 * an RFC 6902 JSON patch (RFC 8895 section 6.3 lets the server pick either, per update, among the
 * media types it advertises for the resource).
 *
 * @param mediaType {@code application/merge-patch+json} or {@code application/json-patch+json}
 * @param body      the patch document
 */
public record Patch(String mediaType, byte[] body) {

    /** The smallest of {@code patches}; empty when there is none (the resource stayed as it was). */
    public static Optional<Patch> smallest(List<Patch> patches) {
        return patches.stream().min(Comparator.comparingInt(patch -> patch.body().length));
    }

    /**
     * The merge patch and the JSON patch from one answer to an input to the next, found by comparing
     * the two documents (an answer is small, and nothing says what changed in it); empty when they
     * are the same as JSON.
     */
    public static List<Patch> between(byte[] before, byte[] after) {
        return Stream.of(
                JsonMergeDiff.between(before, after).map(patch -> new Patch(MediaTypes.MERGE_PATCH, patch)),
                JsonPatchDiff.between(before, after).map(patch -> new Patch(MediaTypes.JSON_PATCH, patch)))
                .flatMap(Optional::stream).toList();
    }
}
