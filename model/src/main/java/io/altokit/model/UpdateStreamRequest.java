package io.altokit.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 8895 section 6.5: the parameters of an update stream request and of a stream control request:
 * substreams to add, by the client's id for each, and client ids to remove.
 *
 * @param add    the substreams to add, in the order the request lists them
 * @param remove client ids of substreams to stop
 */
public record UpdateStreamRequest(Map<String, AddUpdate> add, List<String> remove) implements QueryBody {

    /**
     * One substream to add.
     *
     * @param resourceId         the resource to follow
     * @param tag                the vtag of the version the client holds: if current, no full update is sent first
     * @param incrementalChanges whether the client takes patches (default true) or only full updates
     * @param input              the input of a POST resource (filtered cost map, endpoint cost), as JSON
     */
    public record AddUpdate(String resourceId, Optional<String> tag, boolean incrementalChanges, Optional<byte[]> input) {
    }

    public UpdateStreamRequest {
        add = Collections.unmodifiableMap(new LinkedHashMap<>(add));
        remove = List.copyOf(remove);
    }
}
