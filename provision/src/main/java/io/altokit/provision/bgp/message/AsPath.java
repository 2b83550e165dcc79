package io.altokit.provision.bgp.message;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** AS_PATH (RFC 4271 section 5.1.2, confederation segments from RFC 5065) with 32-bit AS numbers. */
public record AsPath(List<Segment> segments) {

    public static final AsPath EMPTY = new AsPath(List.of());

    public AsPath {
        segments = List.copyOf(segments);
    }

    public static AsPath sequence(long... asNumbers) {
        return asNumbers.length == 0 ? EMPTY : new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, asNumbers)));
    }

    /**
     * The AS that originated the route: the rightmost AS of the path when the path ends in an
     * AS_SEQUENCE; empty if the path is empty or ends in a set (aggregated routes have no single origin).
     */
    public OptionalLong originAs() {
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        Segment last = segments.getLast();
        return last.type() == SegmentType.AS_SEQUENCE
                ? OptionalLong.of(last.asNumber(last.size() - 1))
                : OptionalLong.empty();
    }

    /**
     * The neighbouring AS the route came through: the leftmost AS of the path after any confederation
     * segments (RFC 5065), when that segment is an AS_SEQUENCE; empty for an empty path (a route of the
     * peer's own AS seen over iBGP) or one starting with a set.
     */
    public OptionalLong neighborAs() {
        for (Segment segment : segments) {
            if (!segment.type().isConfederation()) {
                return segment.type() == SegmentType.AS_SEQUENCE ? OptionalLong.of(segment.asNumber(0)) : OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** Path length as route selection counts it (RFC 4271 9.1.2.2, RFC 5065): a set counts 1, confederation segments 0. */
    public int length() {
        int length = 0;
        for (Segment segment : segments) {
            length += segment.type().pathLength(segment.size());
        }
        return length;
    }

    boolean needsFourOctets() {
        return segments.stream().anyMatch(Segment::needsFourOctets);
    }

    /** The usual notation: {@code 65001 64512 {64600 64601} (65010)}. */
    @Override
    public String toString() {
        return segments.stream().map(Segment::toString).collect(Collectors.joining(" "));
    }

    /** Segment types with their wire codes. */
    public enum SegmentType {
        AS_SET(1, "{", "}"),
        AS_SEQUENCE(2, "", ""),
        AS_CONFED_SEQUENCE(3, "(", ")"),
        AS_CONFED_SET(4, "[", "]");

        private final int code;
        private final String open;
        private final String close;

        SegmentType(int code, String open, String close) {
            this.code = code;
            this.open = open;
            this.close = close;
        }

        public int code() {
            return code;
        }

        public boolean isConfederation() {
            return this == AS_CONFED_SEQUENCE || this == AS_CONFED_SET;
        }

        int pathLength(int size) {
            return switch (this) {
                case AS_SEQUENCE -> size;
                case AS_SET -> 1;
                case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
            };
        }

        /** The type with this wire code, or null: the decoder's table lookup. */
        static SegmentType ofCode(int code) {
            return code >= 1 && code <= 4 ? values()[code - 1] : null;
        }
    }

    /** One segment: a type and 1..255 AS numbers, kept unboxed. */
    public static final class Segment {
        private final SegmentType type;
        private final int[] asNumbers;

        public Segment(SegmentType type, long... asNumbers) {
            this(type, toInts(asNumbers));
        }

        Segment(SegmentType type, int[] asNumbers) {
            this.type = Objects.requireNonNull(type, "type");
            if (asNumbers.length == 0 || asNumbers.length > 255) {
                throw new IllegalArgumentException("an AS_PATH segment holds 1..255 AS numbers, not " + asNumbers.length);
            }
            this.asNumbers = asNumbers;
        }

        private static int[] toInts(long[] asNumbers) {
            int[] ints = new int[asNumbers.length];
            for (int i = 0; i < ints.length; i++) {
                Wire.requireUnsigned(asNumbers[i], 32, "AS number");
                ints[i] = (int) asNumbers[i];
            }
            return ints;
        }

        public SegmentType type() {
            return type;
        }

        public int size() {
            return asNumbers.length;
        }

        public long asNumber(int index) {
            return Integer.toUnsignedLong(asNumbers[index]);
        }

        public long[] asNumbers() {
            return Arrays.stream(asNumbers).mapToLong(Integer::toUnsignedLong).toArray();
        }

        /** The first {@code count} AS numbers as a segment of the same type. */
        Segment head(int count) {
            return new Segment(type, Arrays.copyOf(asNumbers, count));
        }

        boolean joinable(Segment next) {
            return type == SegmentType.AS_SEQUENCE && next.type == SegmentType.AS_SEQUENCE
                    && asNumbers.length + next.asNumbers.length <= 255;
        }

        Segment join(Segment next) {
            int[] joined = Arrays.copyOf(asNumbers, asNumbers.length + next.asNumbers.length);
            System.arraycopy(next.asNumbers, 0, joined, asNumbers.length, next.asNumbers.length);
            return new Segment(type, joined);
        }

        boolean needsFourOctets() {
            for (int as : asNumbers) {
                if ((as & 0xFFFF0000) != 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Segment s && type == s.type && Arrays.equals(asNumbers, s.asNumbers);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + Arrays.hashCode(asNumbers);
        }

        @Override
        public String toString() {
            return Arrays.stream(asNumbers).mapToObj(Integer::toUnsignedString)
                    .collect(Collectors.joining(" ", type.open, type.close));
        }
    }
}
