package io.altokit.server.update;

import io.altokit.core.ChangeSet;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
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

    /**
     * A full map (network map, cost map): sent whole, then patched from each change set.
     *
     * @param vtag  the map's own version tag, which a client may name to skip the first full update
     *              (the network map has one, RFC 7285 section 10.3; cost maps only depend on it)
     * @param body  the full map, as a GET answers it
     * @param patch the merge patch from the map before a change set to the map after it, empty if the
     *              change set leaves this map as it was
     */
    record FullMap(String resourceId, String mediaType, int order, Optional<String> vtag, Supplier<byte[]> body,
                   Function<ChangeSet, Optional<byte[]>> patch) implements Streamable {
    }

    /**
     * A service answering an input (filtered cost map, endpoint cost): answered again for every
     * publication, patched by comparing the answers.
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
    }
}
