package io.altokit.core;

/** Masks and ordering over the left-aligned 128-bit address keys of {@link io.altokit.model.IpBits}. */
final class AddressBits {

    private AddressBits() {}

    /** Network bits of a prefix of the given length, within {@code high}. */
    static long highMask(int length) {
        return length == 0 ? 0 : -1L << (64 - Math.min(length, 64));
    }

    /** Network bits of a prefix of the given length, within {@code low}. */
    static long lowMask(int length) {
        return length <= 64 ? 0 : -1L << (128 - length);
    }

    static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int byHigh = Long.compareUnsigned(aHigh, bHigh);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(aLow, bLow);
    }
}
