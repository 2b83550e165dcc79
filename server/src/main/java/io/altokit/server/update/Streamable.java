package io.altokit.server.update;

import io.altokit.core.ChangeSet;
import io.altokit.core.Snapshot;
import io.altokit.model.MediaTypes;
import io.altokit.server.http.Representation;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** A resource an update stream can follow, as one snapshot offers it. */
public sealed interface Streamable {

    String resourceId();

    /** The media type of its full updates. */
    String mediaType();

    /**
     * Where its updates go within one publication's events: a network map (0) before the cost maps
     * that depend on it (1), before answers computed from both (2).
     */
    int order();

    /** The patch media types its incremental updates may come in, as the directory advertises them (RFC 8895 section 6.3). */
    List<String> patchMediaTypes();

    /** The patches of a full map from one snapshot to the next. */
    @FunctionalInterface
    interface Patcher {
        /**
         * The map's patches from {@code before} to the snapshot after {@code changes}, one per patch
         * media type offered; empty if the change leaves the map as it was.
         */
        List<Patch> between(Snapshot before, ChangeSet changes);
    }

    /**
     * A full map (network map, cost map): sent whole, then patched from each change set.
     *
     * @param vtag            the tag a client holding the current map names to skip the first full update:
     *                        the network map's vtag (RFC 7285 section 10.3); for a cost map, which has none of
     *                        its own, its ETag (without quotes)
     * @param body            the full map as a GET answers it, encoded once (both codings) for every GET,
     *                        update stream and TIPS snapshot edge
     * @param patchMediaTypes the media types {@code patches} makes
     * @param patches         the map's patches from the snapshot before a change set to the one after it
     */
    record FullMap(String resourceId, String mediaType, int order, Optional<String> vtag, Supplier<Representation> body,
                   List<String> patchMediaTypes, Patcher patches) implements Streamable {
        public FullMap {
            patchMediaTypes = List.copyOf(patchMediaTypes);
        }
    }

    /**
     * A service answering an input (filtered cost map, endpoint cost): answered again for every
     * publication, patched by comparing the answers (as a merge patch or a JSON patch).
     *
     * @param answer the answer to an input for a client (whose address stands in for missing sources),
     *               as a POST with it answers; throws {@link io.altokit.model.AltoException} for an
     *               input the resource refuses
     */
    record Query(String resourceId, String mediaType, BiFunction<byte[], InetAddress, byte[]> answer) implements Streamable {
        @Override
        public int order() {
            return 2;
        }

        @Override
        public List<String> patchMediaTypes() {
            return List.of(MediaTypes.MERGE_PATCH, MediaTypes.JSON_PATCH);
        }
    }
}
