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
     * The capabilities RFC 7285 defines (11.2.3.4, 11.3.2.4, 11.4.1.4); RFC 8189's {@code max-cost-types}
     * (0, the default, is left out: no multi-cost requests) and {@code testable-cost-type-names}
     * (sections 4.1.1, 4.2.1); and an update stream's or TIPS resource's {@code incremental-change-media-types}
     * (RFC 8895 section 6.3, RFC 9569 section 5.1): by resource id, the media types of the patches it
     * sends; a property map's {@code mappings} (RFC 9240 7.4): by entity domain name, the
     * property names it gives that domain's entities; and RFC 8896's {@code calendar-attributes}
     * (section 4.1). Empty ones are left out on the wire.
     */
    public record Capabilities(List<String> costTypeNames, Optional<Boolean> costConstraints, List<String> propTypes,
                               Map<String, String> incrementalChangeMediaTypes, int maxCostTypes,
                               List<String> testableCostTypeNames, Map<String, List<String>> mappings,
                               List<CalendarAttributes> calendarAttributes) {
        public static final Capabilities NONE = new Capabilities(List.of(), Optional.empty(), List.of());

        public Capabilities {
            costTypeNames = List.copyOf(costTypeNames);
            propTypes = List.copyOf(propTypes);
            incrementalChangeMediaTypes = Collections.unmodifiableMap(new LinkedHashMap<>(incrementalChangeMediaTypes));
            testableCostTypeNames = List.copyOf(testableCostTypeNames);
            Map<String, List<String>> copied = new LinkedHashMap<>();
            mappings.forEach((domain, properties) -> copied.put(domain, List.copyOf(properties)));
            mappings = Collections.unmodifiableMap(copied);
            calendarAttributes = List.copyOf(calendarAttributes);
            if (maxCostTypes < 0) {
                throw new IllegalArgumentException("max-cost-types " + maxCostTypes);
            }
        }

        public Capabilities(List<String> costTypeNames, Optional<Boolean> costConstraints, List<String> propTypes) {
            this(costTypeNames, costConstraints, propTypes, Map.of(), 0, List.of(), Map.of(), List.of());
        }

        /** An update stream's or TIPS resource's capabilities. */
        public static Capabilities incrementalChanges(Map<String, String> mediaTypes) {
            return new Capabilities(List.of(), Optional.empty(), List.of(), mediaTypes, 0, List.of(), Map.of(), List.of());
        }

        /**
         * A cost service's (RFC 8189 4.1.1): constraints on every cost type ({@code cost-constraints}), or
         * only on the testable ones named; RFC 8189 lets a resource say one or the other, never both.
         */
        public static Capabilities costService(List<String> costTypeNames, int maxCostTypes, List<String> testableCostTypeNames) {
            Optional<Boolean> allTestable = testableCostTypeNames.isEmpty() ? Optional.of(true) : Optional.empty();
            return new Capabilities(costTypeNames, allTestable, List.of(), Map.of(), maxCostTypes, testableCostTypeNames, Map.of(),
                    List.of());
        }

        /** These capabilities offering cost calendars (RFC 8896 4.1). */
        public Capabilities withCalendars(List<CalendarAttributes> calendars) {
            return new Capabilities(costTypeNames, costConstraints, propTypes, incrementalChangeMediaTypes, maxCostTypes,
                    testableCostTypeNames, mappings, calendars);
        }

        /** A property map's (RFC 9240 7.4): by entity domain name, in order, the property names of its entities. */
        public static Capabilities propertyMap(Map<String, List<String>> mappings) {
            return new Capabilities(List.of(), Optional.empty(), List.of(), Map.of(), 0, List.of(), mappings, List.of());
        }

        /** The cost type names constraints may test: the testable ones, else all when constraints are allowed. */
        public List<String> testableNames() {
            if (!testableCostTypeNames.isEmpty()) {
                return testableCostTypeNames;
            }
            return costConstraints.orElse(false) ? costTypeNames : List.of();
        }
    }
}
