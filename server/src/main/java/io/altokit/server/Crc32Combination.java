package io.altokit.server;

/**
 * The CRC-32 (the one of gzip and {@link java.util.zip.CRC32}) of two byte sequences one after the
 * other, from their CRCs and the second one's length, without the bytes: CRC-32 is linear over
 * GF(2), so appending {@code n} bytes multiplies the first CRC by x^(8n) modulo the polynomial before
 * the second CRC is added (the method of zlib's crc32_combine). A few hundred operations, whatever
 * the lengths.
 */
final class Crc32Combination {

    /** The CRC-32 polynomial, bit-reflected as the CRC computes it. */
    private static final int POLYNOMIAL = 0xEDB88320;
    /** x^(2^k) modulo the polynomial, for k = 0..31 (reflected: x^0 is the top bit). */
    private static final int[] X_TO_2_TO_THE = powersOfX();

    private Crc32Combination() {
    }

    /** The CRC-32 of A followed by B, given {@code crcA}, {@code crcB} and B's length in bytes. */
    static int combine(int crcA, int crcB, long lengthB) {
        return multiply(xToThe8Times(lengthB), crcA) ^ crcB;
    }

    /** x^(8 * bytes) modulo the polynomial: the product of x^(2^k) over the set bits k of 8 * bytes. */
    private static int xToThe8Times(long bytes) {
        int product = 1 << 31; // x^0
        int k = 3; // 8 = 2^3
        for (long n = bytes; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                product = multiply(X_TO_2_TO_THE[k & 31], product);
            }
        }
        return product;
    }

    /** a * b modulo the polynomial, both reflected. */
    private static int multiply(int a, int b) {
        int product = 0;
        for (int bit = 1 << 31; bit != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= b;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1;
        }
        return product;
    }

    private static int[] powersOfX() {
        int[] powers = new int[32];
        int power = 1 << 30; // x^1
        for (int k = 0; k < 32; k++) {
            powers[k] = power;
            power = multiply(power, power);
        }
        return powers;
    }
}
