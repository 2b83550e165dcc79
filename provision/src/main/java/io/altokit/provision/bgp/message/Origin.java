package io.altokit.provision.bgp.message;

/** The ORIGIN attribute's value (RFC 4271 section 5.1.1), in wire order. */
public enum Origin {
    IGP,
    EGP,
    INCOMPLETE
}
