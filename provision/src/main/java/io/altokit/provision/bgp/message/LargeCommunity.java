package io.altokit.provision.bgp.message;

/** A large community (RFC 8092): three unsigned 32-bit numbers, the first naming the AS that defines it. */
public record LargeCommunity(long globalAdministrator, long localData1, long localData2) {

    public LargeCommunity {
        Wire.requireUnsigned(globalAdministrator, 32, "global administrator");
        Wire.requireUnsigned(localData1, 32, "local data part 1");
        Wire.requireUnsigned(localData2, 32, "local data part 2");
    }

    /** BIRD's notation, {@code (65000,1,102)}. */
    @Override
    public String toString() {
        return "(" + globalAdministrator + "," + localData1 + "," + localData2 + ")";
    }
}
