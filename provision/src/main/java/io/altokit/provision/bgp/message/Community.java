package io.altokit.provision.bgp.message;

/** A community (RFC 1997): 32 bits, by convention an AS number and a value of 16 bits each. */
public record Community(int value) {

    public static final Community NO_EXPORT = new Community(0xFFFFFF01);
    public static final Community NO_ADVERTISE = new Community(0xFFFFFF02);

    public static Community of(int asNumber, int localValue) {
        Wire.requireUnsigned(asNumber, 16, "community AS number");
        Wire.requireUnsigned(localValue, 16, "community value");
        return new Community(asNumber << 16 | localValue);
    }

    public int asNumber() {
        return value >>> 16;
    }

    public int localValue() {
        return value & 0xFFFF;
    }

    /** BIRD's notation, {@code (65000,101)}. */
    @Override
    public String toString() {
        return "(" + asNumber() + "," + localValue() + ")";
    }
}
