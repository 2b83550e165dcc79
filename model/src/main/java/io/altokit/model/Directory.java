package io.altokit.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RFC 7285 section 9.2 information resource directory. */
public record Directory(Map<String, CostType> costTypes, Optional<String> defaultNetworkMap, Map<String, Entry> resources) {

    /** One resource: where it is, what it returns and accepts, what it can do and which resources it uses. */
    public record Entry(String uri, String mediaType, Optional<String> accepts, Capabilities capabilities, List<String> uses) {
    }

    /**
     * The capabilities RFC 7285 defines (11.2.3.4, 11.3.2.4, 11.4.1.4), and an update stream's or TIPS
     * resource's {@code incremental-change-media-types} (RFC 8895 section 6.3, RFC 9569 section 5.1):
     * by resource id, the media types of the patches it sends. Empty ones are left out on the wire.
     */
    public record Capabilities(List<String> costTypeNames, Optional<Boolean> costConstraints, List<String> propTypes,
                               Map<String, String> incrementalChangeMediaTypes) {
        public static final Capabilities NONE = new Capabilities(List.of(), Optional.empty(), List.of());

        public Capabilities {
            incrementalChangeMediaTypes = Collections.unmodifiableMap(new LinkedHashMap<>(incrementalChangeMediaTypes));
        }

        public Capabilities(List<String> costTypeNames, Optional<Boolean> costConstraints, List<String> propTypes) {
            this(costTypeNames, costConstraints, propTypes, Map.of());
        }

        /** An update stream's or TIPS resource's capabilities. */
        public static Capabilities incrementalChanges(Map<String, String> mediaTypes) {
            return new Capabilities(List.of(), Optional.empty(), List.of(), mediaTypes);
        }
    }
}
