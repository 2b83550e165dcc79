package io.altokit.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RFC 7285 section 9.2 information resource directory. */
public record Directory(Map<String, CostType> costTypes, Optional<String> defaultNetworkMap, Map<String, Entry> resources) {

    /** One resource: where it is, what it returns and accepts, what it can do and which resources it uses. */
    public record Entry(String uri, String mediaType, Optional<String> accepts, Capabilities capabilities, List<String> uses) {
    }

    /** The capabilities RFC 7285 defines (11.2.3.4, 11.3.2.4, 11.4.1.4); empty ones are left out on the wire. */
    public record Capabilities(List<String> costTypeNames, Optional<Boolean> costConstraints, List<String> propTypes) {
        public static final Capabilities NONE = new Capabilities(List.of(), Optional.empty(), List.of());
    }
}
