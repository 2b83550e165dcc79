package io.altokit.provision.bgp.message;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;
import io.altokit.model.IpBits;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.altokit.provision.bgp.message.Attributes.*;
import static io.altokit.provision.bgp.message.UpdateProblem.Action.ATTRIBUTE_DISCARD;
import static io.altokit.provision.bgp.message.UpdateProblem.Action.TREAT_AS_WITHDRAW;

/**
 * Walks a path attribute list once, applying RFC 4271 section 6.3, RFC 7606 section 7 and RFC 6793
 * section 6 per attribute. Errors a session survives become {@link UpdateProblem}s; the rest throw
 * {@link Malformed}. One instance decodes one list.
 */
public final class AttributeDecoder {

    private static final int WELL_KNOWN = TRANSITIVE;
    private static final int OPTIONAL_TRANSITIVE = OPTIONAL | TRANSITIVE;
    private static final int OPTIONAL_NON_TRANSITIVE = OPTIONAL;

    private final byte[] b;
    private final boolean fourOctetAs;
    private final boolean rib;
    private final List<PrefixKey> announced;
    private final List<PrefixKey> withdrawn;

    private final PathAttributes.Builder attributes = PathAttributes.builder();
    private final long[] seen = new long[4];
    private List<UpdateProblem> problems = List.of();
    private AsPath asPath;
    private AsPath as4Path;
    private int aggregatorFlags;
    private byte[] aggregator;
    private byte[] as4Aggregator;
    private boolean overrun;

    private AttributeDecoder(byte[] b, boolean fourOctetAs, boolean rib, List<PrefixKey> announced, List<PrefixKey> withdrawn) {
        this.b = b;
        this.fourOctetAs = fourOctetAs;
        this.rib = rib;
        this.announced = announced;
        this.withdrawn = withdrawn;
    }

    /** For UPDATE: MP_REACH_NLRI and MP_UNREACH_NLRI prefixes are appended to the given lists. */
    static AttributeDecoder forUpdate(byte[] b, boolean fourOctetAs, List<PrefixKey> announced, List<PrefixKey> withdrawn) {
        return new AttributeDecoder(b, fourOctetAs, false, announced, withdrawn);
    }

    /** The decoded attributes of an MRT RIB entry and the problems found in them. */
    public record RibAttributes(PathAttributes attributes, List<UpdateProblem> problems) {
        /** False when an UPDATE with these attributes would have been treated as withdraw or reset the session. */
        public boolean usable() {
            return problems.stream().noneMatch(p -> p.action() == TREAT_AS_WITHDRAW);
        }
    }

    /**
     * Decodes the attributes of an MRT RIB entry: 4-octet AS numbers in TABLE_DUMP_V2 (RFC 6396 section
     * 4.3.4), 2-octet ones in the older TABLE_DUMP; MP_REACH_NLRI reduced to its next hop, no mandatory
     * attributes required (a dump holds what the router held), attribute flags not checked. Errors that
     * would reset a BGP session make the entry unusable. Never throws.
     */
    public static RibAttributes decodeRib(byte[] b, int from, int to, boolean fourOctetAs) {
        AttributeDecoder decoder = new AttributeDecoder(b, fourOctetAs, true, List.of(), List.of());
        try {
            decoder.decode(from, to);
        } catch (Malformed e) {
            decoder.problem(TREAT_AS_WITHDRAW, 0, e.getMessage());
        }
        return new RibAttributes(decoder.build(), decoder.problems());
    }

    List<UpdateProblem> problems() {
        return problems;
    }

    boolean overrun() {
        return overrun;
    }

    boolean has(int type) {
        return (seen[type >>> 6] & 1L << type) != 0;
    }

    void decode(int from, int to) throws Malformed {
        int at = from;
        while (at < to) {
            int flags = b[at] & 0xFF;
            int header = (flags & EXTENDED_LENGTH) != 0 ? 4 : 3;
            if (to - at < header) {
                // RFC 7606 section 4: too few octets left for an attribute header
                overrun = true;
                problem(TREAT_AS_WITHDRAW, 0, (to - at) + " octets after the last attribute are too few for another");
                return;
            }
            int type = b[at + 1] & 0xFF;
            int length = header == 4 ? Wire.u16(b, at + 2) : b[at + 2] & 0xFF;
            int value = at + header;
            if (value + length > to) {
                if (type == MP_REACH_NLRI || type == MP_UNREACH_NLRI) {
                    throw Malformed.update(Notification.ATTRIBUTE_LENGTH_ERROR, Octets.copyOf(b, at, to),
                            name(type) + " of " + length + " octets overruns the attribute list");
                }
                overrun = true;
                problem(TREAT_AS_WITHDRAW, type, "attribute of " + length + " octets overruns the attribute list by "
                        + (value + length - to));
                return;
            }
            attribute(flags, type, at, value, value + length);
            at = value + length;
        }
    }

    private void attribute(int flags, int type, int start, int value, int end) throws Malformed {
        int length = end - value;
        if (has(type)) {
            if (type == MP_REACH_NLRI || type == MP_UNREACH_NLRI) {
                throw Malformed.update(Notification.MALFORMED_ATTRIBUTE_LIST, Octets.EMPTY, name(type) + " appears twice");
            }
            problem(ATTRIBUTE_DISCARD, type, "repeated; the first occurrence is kept (RFC 7606 section 3)");
            return;
        }
        seen[type >>> 6] |= 1L << type;
        switch (type) {
            case ORIGIN -> {
                if (flagsOk(flags, WELL_KNOWN, type) && lengthOk(length == 1, type, length)) {
                    int origin = b[value] & 0xFF;
                    if (origin > 2) {
                        problem(TREAT_AS_WITHDRAW, type, "undefined ORIGIN value " + origin);
                    } else {
                        attributes.origin(Origin.values()[origin]);
                    }
                }
            }
            case AS_PATH -> {
                if (flagsOk(flags, WELL_KNOWN, type)) {
                    List<AsPath.Segment> segments = new ArrayList<>(2);
                    String error = readPath(value, end, fourOctetAs ? 4 : 2, segments);
                    if (error != null) {
                        problem(TREAT_AS_WITHDRAW, type, error);
                    } else {
                        asPath = new AsPath(segments);
                    }
                }
            }
            case NEXT_HOP -> {
                if (flagsOk(flags, WELL_KNOWN, type) && lengthOk(length == 4, type, length)) {
                    attributes.nextHop((Inet4Address) IpBits.toInetAddress(Arrays.copyOfRange(b, value, end)));
                }
            }
            case MULTI_EXIT_DISC -> {
                if (flagsOk(flags, OPTIONAL_NON_TRANSITIVE, type) && lengthOk(length == 4, type, length)) {
                    attributes.multiExitDisc(Wire.u32(b, value));
                }
            }
            case LOCAL_PREF -> {
                if (flagsOk(flags, WELL_KNOWN, type) && lengthOk(length == 4, type, length)) {
                    attributes.localPref(Wire.u32(b, value));
                }
            }
            case COMMUNITIES -> {
                if (flagsOk(flags, OPTIONAL_TRANSITIVE, type) && lengthOk(length > 0 && length % 4 == 0, type, length)) {
                    List<Community> communities = new ArrayList<>(length / 4);
                    for (int at = value; at < end; at += 4) {
                        communities.add(new Community(Wire.i32(b, at)));
                    }
                    attributes.communities(communities);
                }
            }
            case LARGE_COMMUNITIES -> {
                if (flagsOk(flags, OPTIONAL_TRANSITIVE, type) && lengthOk(length > 0 && length % 12 == 0, type, length)) {
                    List<LargeCommunity> communities = new ArrayList<>(length / 12);
                    for (int at = value; at < end; at += 12) {
                        communities.add(new LargeCommunity(Wire.u32(b, at), Wire.u32(b, at + 4), Wire.u32(b, at + 8)));
                    }
                    attributes.largeCommunities(communities);
                }
            }
            case ATOMIC_AGGREGATE -> {
                // RFC 7606 section 7.6: a wrong length is survivable by discarding
                if (flagsOk(flags, WELL_KNOWN, type) && discardUnless(length == 0, type, "length " + length + ", not 0")) {
                    keep(flags, type, value, end);
                }
            }
            case AGGREGATOR -> {
                int expected = fourOctetAs ? 8 : 6;
                if (flagsOk(flags, OPTIONAL_TRANSITIVE, type)
                        && discardUnless(length == expected, type, "length " + length + ", not " + expected)) {
                    aggregatorFlags = flags;
                    aggregator = Arrays.copyOfRange(b, value, end);
                }
            }
            case ORIGINATOR_ID -> {
                if (flagsOk(flags, OPTIONAL_NON_TRANSITIVE, type) && lengthOk(length == 4, type, length)) {
                    keep(flags, type, value, end);
                }
            }
            case CLUSTER_LIST -> {
                if (flagsOk(flags, OPTIONAL_NON_TRANSITIVE, type) && lengthOk(length > 0 && length % 4 == 0, type, length)) {
                    keep(flags, type, value, end);
                }
            }
            case EXTENDED_COMMUNITIES -> {
                if (flagsOk(flags, OPTIONAL_TRANSITIVE, type) && lengthOk(length > 0 && length % 8 == 0, type, length)) {
                    keep(flags, type, value, end);
                }
            }
            case MP_REACH_NLRI -> mpReach(flags, start, value, end);
            case MP_UNREACH_NLRI -> mpUnreach(flags, start, value, end);
            case AS4_PATH -> as4Path(flags, value, end);
            case AS4_AGGREGATOR -> {
                // RFC 6793 section 6: errors in the AS4 attributes are handled by attribute discard
                if (discardUnless(!fourOctetAs, type, "sent on a 4-octet AS session")
                        && discardUnless((flags & OPTIONAL_TRANSITIVE) == OPTIONAL_TRANSITIVE, type, "flags " + flags)
                        && discardUnless(length == 8, type, "length " + length + ", not 8")) {
                    as4Aggregator = Arrays.copyOfRange(b, value, end);
                }
            }
            default -> {
                if ((flags & OPTIONAL) == 0) {
                    throw Malformed.update(Notification.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, Octets.copyOf(b, start, end),
                            "unrecognized well-known attribute " + type);
                }
                keep(flags, type, value, end);
            }
        }
    }

    private void as4Path(int flags, int value, int end) {
        if (!discardUnless(!fourOctetAs, AS4_PATH, "sent on a 4-octet AS session")
                || !discardUnless((flags & OPTIONAL_TRANSITIVE) == OPTIONAL_TRANSITIVE, AS4_PATH, "flags " + flags)) {
            return;
        }
        List<AsPath.Segment> segments = new ArrayList<>(2);
        String error = readPath(value, end, 4, segments);
        if (error == null && segments.stream().anyMatch(s -> s.type().isConfederation())) {
            error = "confederation segments";
        }
        if (discardUnless(error == null, AS4_PATH, error)) {
            as4Path = new AsPath(segments);
        }
    }

    private void mpReach(int flags, int start, int value, int end) throws Malformed {
        mpFlags(flags, start, end, MP_REACH_NLRI);
        int nextHopLength;
        int nextHop;
        int afi;
        int safi;
        if (rib && value < end && (b[value] & 0xFF) + 1 == end - value) {
            // RFC 6396 section 4.3.4: only the next hop length and next hop are kept in RIB entries
            nextHopLength = b[value] & 0xFF;
            nextHop = value + 1;
            afi = nextHopLength == 4 ? Capability.AFI_IPV4 : Capability.AFI_IPV6;
            safi = Capability.SAFI_UNICAST;
        } else {
            if (end - value < 5) {
                throw mpError(start, end, "MP_REACH_NLRI of " + (end - value) + " octets is shorter than 5");
            }
            afi = Wire.u16(b, value);
            safi = b[value + 2] & 0xFF;
            nextHopLength = b[value + 3] & 0xFF;
            nextHop = value + 4;
            if (nextHop + nextHopLength + 1 > end) {
                throw mpError(start, end, "MP_REACH_NLRI next hop of " + nextHopLength + " octets overruns the attribute");
            }
        }
        AddressFamily family = family(afi, safi);
        if (family == null) {
            problem(ATTRIBUTE_DISCARD, MP_REACH_NLRI, "AFI/SAFI " + afi + "/" + safi + " is not IPv4/IPv6 unicast; ignored");
            return;
        }
        if (nextHopLength != 4 && nextHopLength != 16 && nextHopLength != 32) {
            throw mpError(start, end, "MP_REACH_NLRI next hop length " + nextHopLength + " is not 4, 16 or 32");
        }
        List<InetAddress> hops = new ArrayList<>(2);
        for (int at = nextHop; at < nextHop + nextHopLength; at += Math.min(nextHopLength, 16)) {
            hops.add(IpBits.toInetAddress(Arrays.copyOfRange(b, at, at + Math.min(nextHopLength, 16))));
        }
        attributes.mpNextHop(hops);
        if (!rib) {
            String error = Nlri.read(b, nextHop + nextHopLength + 1, end, family, announced);
            if (error != null) {
                throw mpError(start, end, "MP_REACH_NLRI: " + error);
            }
        }
    }

    private void mpUnreach(int flags, int start, int value, int end) throws Malformed {
        mpFlags(flags, start, end, MP_UNREACH_NLRI);
        if (end - value < 3) {
            throw mpError(start, end, "MP_UNREACH_NLRI of " + (end - value) + " octets is shorter than 3");
        }
        AddressFamily family = family(Wire.u16(b, value), b[value + 2] & 0xFF);
        if (family == null || rib) {
            problem(ATTRIBUTE_DISCARD, MP_UNREACH_NLRI, rib
                    ? "withdrawals have no place in a RIB entry; ignored"
                    : "AFI/SAFI " + Wire.u16(b, value) + "/" + (b[value + 2] & 0xFF) + " is not IPv4/IPv6 unicast; ignored");
            return;
        }
        String error = Nlri.read(b, value + 3, end, family, withdrawn);
        if (error != null) {
            throw mpError(start, end, "MP_UNREACH_NLRI: " + error);
        }
    }

    /** RFC 7606 section 5.3: wrong flags on the MP attributes reset the session (dumps are let off, see {@link #flagsOk}). */
    private void mpFlags(int flags, int start, int end, int type) throws Malformed {
        if (!rib && (flags & OPTIONAL_TRANSITIVE) != OPTIONAL_NON_TRANSITIVE) {
            throw Malformed.update(Notification.ATTRIBUTE_FLAGS_ERROR, Octets.copyOf(b, start, end),
                    name(type) + " flags 0x" + Integer.toHexString(flags) + " are not optional non-transitive");
        }
    }

    private Malformed mpError(int start, int end, String reason) {
        return Malformed.update(Notification.OPTIONAL_ATTRIBUTE_ERROR, Octets.copyOf(b, start, end), reason);
    }

    private static AddressFamily family(int afi, int safi) {
        if (safi != Capability.SAFI_UNICAST) {
            return null;
        }
        return afi == Capability.AFI_IPV4 ? AddressFamily.IPV4 : afi == Capability.AFI_IPV6 ? AddressFamily.IPV6 : null;
    }

    /** Reads AS_PATH segments (RFC 7606 section 7.2); returns null or why the path is malformed. */
    private String readPath(int from, int to, int asSize, List<AsPath.Segment> out) {
        int at = from;
        while (at < to) {
            if (to - at < 2) {
                return "one octet left where a segment header needs two";
            }
            AsPath.SegmentType type = AsPath.SegmentType.ofCode(b[at] & 0xFF);
            if (type == null) {
                return "unknown segment type " + (b[at] & 0xFF);
            }
            int count = b[at + 1] & 0xFF;
            if (count == 0) {
                return "empty " + type + " segment";
            }
            at += 2;
            if (at + count * asSize > to) {
                return type + " of " + count + " AS numbers overruns the attribute";
            }
            int[] numbers = new int[count];
            for (int i = 0; i < count; i++, at += asSize) {
                numbers[i] = asSize == 4 ? Wire.i32(b, at) : Wire.u16(b, at);
            }
            out.add(new AsPath.Segment(type, numbers));
        }
        return null;
    }

    /**
     * RFC 7606 section 3 g, on sessions only: dumps are not so careful (BIRD 2.0.12 writes NEXT_HOP and
     * LOCAL_PREF into MRT files with the Transitive bit clear), and a dump cannot be asked again.
     */
    private boolean flagsOk(int flags, int expected, int type) {
        if (rib || (flags & OPTIONAL_TRANSITIVE) == expected) {
            return true;
        }
        problem(TREAT_AS_WITHDRAW, type, "flags 0x" + Integer.toHexString(flags) + " conflict with the attribute's definition");
        return false;
    }

    private boolean lengthOk(boolean ok, int type, int length) {
        if (!ok) {
            problem(TREAT_AS_WITHDRAW, type, "invalid length " + length);
        }
        return ok;
    }

    private boolean discardUnless(boolean ok, int type, String reason) {
        if (!ok) {
            problem(ATTRIBUTE_DISCARD, type, reason);
        }
        return ok;
    }

    private void keep(int flags, int type, int value, int end) {
        attributes.other(new RawAttribute(flags, type, Octets.copyOf(b, value, end)));
    }

    void problem(UpdateProblem.Action action, int type, String reason) {
        if (problems.isEmpty()) {
            problems = new ArrayList<>(2);
        }
        problems.add(new UpdateProblem(action, type, type == 0 ? reason : name(type) + ": " + reason));
    }

    /** The attributes, with RFC 6793 section 4.2.3 applied on 2-octet sessions. */
    PathAttributes build() {
        byte[] aggregator4 = aggregator;
        AsPath path = asPath;
        if (!fourOctetAs && aggregator != null) {
            boolean trans = Wire.u16(aggregator, 0) == Open.AS_TRANS;
            if (!trans && (as4Path != null || as4Aggregator != null)) {
                problem(ATTRIBUTE_DISCARD, as4Path != null ? AS4_PATH : AS4_AGGREGATOR,
                        "ignored: AGGREGATOR names a 2-octet AS (RFC 6793 section 4.2.3)");
                as4Path = null;
            }
            aggregator4 = trans && as4Aggregator != null ? as4Aggregator : widen(aggregator);
        }
        if (path != null && as4Path != null) {
            path = merge(path, as4Path);
        }
        if (aggregator4 != null) {
            attributes.other(new RawAttribute(aggregatorFlags, AGGREGATOR, Octets.of(aggregator4)));
        }
        return attributes.asPath(path).build();
    }

    private static byte[] widen(byte[] aggregator2) {
        byte[] wide = new byte[8];
        System.arraycopy(aggregator2, 0, wide, 2, 6);
        return wide;
    }

    /**
     * RFC 6793 section 4.2.3: keep as many leading AS numbers of AS_PATH as AS_PATH is longer than
     * AS4_PATH, then append AS4_PATH; an AS4_PATH longer than AS_PATH is ignored.
     */
    static AsPath merge(AsPath asPath, AsPath as4Path) {
        int keep = asPath.length() - as4Path.length();
        if (keep < 0) {
            return asPath;
        }
        List<AsPath.Segment> merged = new ArrayList<>();
        for (AsPath.Segment segment : asPath.segments()) {
            if (segment.type().isConfederation()) {
                merged.add(segment);
                continue;
            }
            if (keep == 0) {
                break;
            }
            int take = segment.type() == AsPath.SegmentType.AS_SET ? segment.size() : Math.min(keep, segment.size());
            merged.add(take == segment.size() ? segment : segment.head(take));
            keep -= segment.type().pathLength(take);
        }
        List<AsPath.Segment> tail = as4Path.segments();
        if (!merged.isEmpty() && !tail.isEmpty() && merged.getLast().joinable(tail.getFirst())) {
            // one sequence across the seam, as the sender had it
            merged.add(merged.removeLast().join(tail.getFirst()));
            tail = tail.subList(1, tail.size());
        }
        merged.addAll(tail);
        return new AsPath(merged);
    }

    static String name(int type) {
        return switch (type) {
            case ORIGIN -> "ORIGIN";
            case AS_PATH -> "AS_PATH";
            case NEXT_HOP -> "NEXT_HOP";
            case MULTI_EXIT_DISC -> "MULTI_EXIT_DISC";
            case LOCAL_PREF -> "LOCAL_PREF";
            case ATOMIC_AGGREGATE -> "ATOMIC_AGGREGATE";
            case AGGREGATOR -> "AGGREGATOR";
            case COMMUNITIES -> "COMMUNITIES";
            case ORIGINATOR_ID -> "ORIGINATOR_ID";
            case CLUSTER_LIST -> "CLUSTER_LIST";
            case MP_REACH_NLRI -> "MP_REACH_NLRI";
            case MP_UNREACH_NLRI -> "MP_UNREACH_NLRI";
            case EXTENDED_COMMUNITIES -> "EXTENDED_COMMUNITIES";
            case AS4_PATH -> "AS4_PATH";
            case AS4_AGGREGATOR -> "AS4_AGGREGATOR";
            case LARGE_COMMUNITIES -> "LARGE_COMMUNITIES";
            default -> "attribute " + type;
        };
    }
}
