package io.altokit.provision.bgp.message;

import java.util.Objects;

/**
 * A path attribute the codec carries without interpreting: AGGREGATOR, ORIGINATOR_ID, CLUSTER_LIST,
 * extended communities and unrecognized optional attributes. {@code flags} keeps the received
 * Optional, Transitive and Partial bits; the encoder chooses the Extended Length bit itself.
 */
public record RawAttribute(int flags, int type, Octets value) {

    public RawAttribute {
        Wire.requireUnsigned(flags, 8, "attribute flags");
        Wire.requireUnsigned(type, 8, "attribute type");
        Objects.requireNonNull(value, "value");
        if (value.length() > 0xFFFF) {
            throw new IllegalArgumentException("an attribute value has at most 65535 octets");
        }
        flags &= ~Attributes.EXTENDED_LENGTH;
    }
}
