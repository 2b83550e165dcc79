package io.altokit.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The IANA "ALTO Cost Source" registry (RFC 9439 sections 3.1 and 8): how a performance metric's
 * values are obtained. A cost type without a cost-context is to be taken as {@link #ESTIMATION}.
 */
public enum CostSource {
    /** Statically configured on the devices (a configured rate, say). */
    NOMINAL("nominal"),
    /** A commitment: a service level agreement, "target" or "committed" values. */
    SLA("sla"),
    /** Computed by estimation: routing protocol link metrics, measurements. */
    ESTIMATION("estimation");

    private final String wireName;

    CostSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The registered source named {@code name}; RFC 9439 3.1: any other is not allowed. */
    public static Optional<CostSource> fromWire(String name) {
        return Arrays.stream(values()).filter(source -> source.wireName.equals(name)).findFirst();
    }

    /** The registered names, for error messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(CostSource::wireName).toList());
    }
}
