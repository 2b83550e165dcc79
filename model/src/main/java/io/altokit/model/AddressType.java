package io.altokit.model;

import java.util.Optional;

/** RFC 7285 section 10.4.2 address types. */
public enum AddressType {
    IPV4("ipv4"),
    IPV6("ipv6");

    private final String wireName;

    AddressType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AddressType> fromWire(String name) {
        for (AddressType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
