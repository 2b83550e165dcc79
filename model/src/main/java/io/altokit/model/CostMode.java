package io.altokit.model;

import java.util.Optional;

/**
 * RFC 7285 section 6.1.2: how cost values are to be interpreted; the two modes AltoKit computes.
 * RFC 9274 opened the modes to a registry and private names ({@link CostModes}).
 */
public enum CostMode {
    NUMERICAL("numerical"),
    ORDINAL("ordinal");

    private final String wireName;

    CostMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<CostMode> fromWire(String name) {
        for (CostMode mode : values()) {
            if (mode.wireName.equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
