package io.altokit.provision.bgp.message;

import java.util.ArrayList;
import java.util.List;

/**
 * OPEN (RFC 4271 section 4.2) with its capabilities (RFC 5492). {@code myAutonomousSystem} is the
 * 2-octet field, AS_TRANS (23456) when the speaker's AS needs 4 octets; {@link #autonomousSystem()}
 * gives the real one.
 */
public record Open(int version, int myAutonomousSystem, int holdTime, long bgpIdentifier, List<Capability> capabilities)
        implements BgpMessage {

    public static final int VERSION = 4;
    public static final int AS_TRANS = 23456;

    public Open {
        Wire.requireUnsigned(version, 8, "version");
        Wire.requireUnsigned(myAutonomousSystem, 16, "My Autonomous System");
        Wire.requireUnsigned(holdTime, 16, "hold time");
        Wire.requireUnsigned(bgpIdentifier, 32, "BGP identifier");
        capabilities = List.copyOf(capabilities);
    }

    /**
     * A version 4 OPEN for {@code asNumber}; the 2-octet field gets AS_TRANS when the number does not
     * fit, and a {@link Capability.FourOctetAs} carrying it is added unless one is given.
     */
    public static Open of(long asNumber, int holdTime, long bgpIdentifier, List<Capability> capabilities) {
        List<Capability> all = new ArrayList<>(capabilities);
        if (all.stream().noneMatch(c -> c instanceof Capability.FourOctetAs)) {
            all.add(new Capability.FourOctetAs(asNumber));
        }
        return new Open(VERSION, asNumber > 0xFFFF ? AS_TRANS : (int) asNumber, holdTime, bgpIdentifier, all);
    }

    /** The speaker's AS: from the 4-octet AS capability if present, else the 2-octet field. */
    public long autonomousSystem() {
        for (Capability capability : capabilities) {
            if (capability instanceof Capability.FourOctetAs four) {
                return four.asNumber();
            }
        }
        return myAutonomousSystem;
    }

    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    public boolean supportsFourOctetAs() {
        return capabilities.stream().anyMatch(c -> c instanceof Capability.FourOctetAs);
    }

    @Override
    public int type() {
        return OPEN;
    }
}
