package io.altokit.provision.bgp.message;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.altokit.provision.bgp.message.Attributes.*;

/**
 * Encodes an UPDATE body: IPv4 prefixes in the classic fields, IPv6 ones in MP_(UN)REACH_NLRI, which
 * come first as RFC 7606 section 5.1 asks, then the other attributes in ascending type order. Sending
 * is rare next to receiving, so each attribute is first built as a {@link RawAttribute}.
 */
final class UpdateEncoder {

    private UpdateEncoder() {}

    static void encode(Update update, boolean fourOctetAs, WireWriter out) {
        List<PrefixKey> withdrawn4 = family(update.withdrawn(), AddressFamily.IPV4);
        List<PrefixKey> withdrawn6 = family(update.withdrawn(), AddressFamily.IPV6);
        List<PrefixKey> announced4 = family(update.announced(), AddressFamily.IPV4);
        List<PrefixKey> announced6 = family(update.announced(), AddressFamily.IPV6);
        PathAttributes attributes = update.attributes();

        int withdrawnAt = out.position();
        out.u16(0);
        withdrawn4.forEach(p -> Nlri.write(out, p));
        out.patchU16(withdrawnAt, out.position() - withdrawnAt - 2);

        List<RawAttribute> list = new ArrayList<>();
        if (!withdrawn6.isEmpty()) {
            WireWriter value = new WireWriter().u16(Capability.AFI_IPV6).u8(Capability.SAFI_UNICAST);
            withdrawn6.forEach(p -> Nlri.write(value, p));
            list.add(raw(OPTIONAL, MP_UNREACH_NLRI, value));
        }
        if (!announced6.isEmpty()) {
            list.add(mpReach(attributes.mpNextHop(), announced6));
        }
        List<RawAttribute> ordered = new ArrayList<>(attributes.others().size() + 8);
        attributes.origin().ifPresent(o -> ordered.add(raw(TRANSITIVE, ORIGIN, new WireWriter().u8(o.ordinal()))));
        attributes.asPath().ifPresent(path -> asPath(path, fourOctetAs, ordered));
        attributes.nextHop().ifPresent(hop -> ordered.add(raw(TRANSITIVE, NEXT_HOP, new WireWriter().bytes(hop.getAddress()))));
        attributes.multiExitDisc().ifPresent(med -> ordered.add(raw(OPTIONAL, MULTI_EXIT_DISC, new WireWriter().u32(med))));
        attributes.localPref().ifPresent(pref -> ordered.add(raw(TRANSITIVE, LOCAL_PREF, new WireWriter().u32(pref))));
        if (!attributes.communities().isEmpty()) {
            WireWriter value = new WireWriter();
            attributes.communities().forEach(c -> value.u32(Integer.toUnsignedLong(c.value())));
            ordered.add(raw(OPTIONAL | TRANSITIVE, COMMUNITIES, value));
        }
        if (!attributes.largeCommunities().isEmpty()) {
            WireWriter value = new WireWriter();
            attributes.largeCommunities().forEach(c -> value.u32(c.globalAdministrator()).u32(c.localData1()).u32(c.localData2()));
            ordered.add(raw(OPTIONAL | TRANSITIVE, LARGE_COMMUNITIES, value));
        }
        for (RawAttribute other : attributes.others()) {
            if (other.type() == AGGREGATOR && !fourOctetAs) {
                aggregator2(other, ordered);
            } else {
                ordered.add(other);
            }
        }
        ordered.sort(Comparator.comparingInt(RawAttribute::type));
        list.addAll(ordered);

        int attributesAt = out.position();
        out.u16(0);
        list.forEach(a -> write(a, out));
        int attributesLength = out.position() - attributesAt - 2;
        if (attributesLength > 0xFFFF) {
            throw new IllegalArgumentException("path attributes take " + attributesLength + " octets");
        }
        out.patchU16(attributesAt, attributesLength);
        announced4.forEach(p -> Nlri.write(out, p));
    }

    private static List<PrefixKey> family(List<PrefixKey> prefixes, AddressFamily family) {
        return prefixes.stream().filter(p -> p.family() == family).toList();
    }

    private static RawAttribute mpReach(List<InetAddress> nextHop, List<PrefixKey> announced) {
        if (nextHop.isEmpty()) {
            throw new IllegalArgumentException("IPv6 routes need an MP_REACH_NLRI next hop");
        }
        WireWriter value = new WireWriter().u16(Capability.AFI_IPV6).u8(Capability.SAFI_UNICAST);
        int lengthAt = value.position();
        value.u8(0);
        nextHop.forEach(hop -> value.bytes(hop.getAddress()));
        value.patchU8(lengthAt, value.position() - lengthAt - 1);
        value.u8(0);
        announced.forEach(p -> Nlri.write(value, p));
        return raw(OPTIONAL, MP_REACH_NLRI, value);
    }

    /** On a 2-octet session, AS numbers above 65535 become AS_TRANS and the true path goes in AS4_PATH (RFC 6793 section 4.2.2). */
    private static void asPath(AsPath path, boolean fourOctetAs, List<RawAttribute> out) {
        out.add(raw(TRANSITIVE, AS_PATH, segments(path, fourOctetAs ? 4 : 2, true)));
        if (!fourOctetAs && path.needsFourOctets()) {
            out.add(raw(OPTIONAL | TRANSITIVE, AS4_PATH, segments(path, 4, false)));
        }
    }

    private static WireWriter segments(AsPath path, int asSize, boolean withConfederation) {
        WireWriter value = new WireWriter();
        for (AsPath.Segment segment : path.segments()) {
            if (!withConfederation && segment.type().isConfederation()) {
                continue;
            }
            value.u8(segment.type().code()).u8(segment.size());
            for (int i = 0; i < segment.size(); i++) {
                long as = segment.asNumber(i);
                if (asSize == 4) {
                    value.u32(as);
                } else {
                    value.u16(as > 0xFFFF ? Open.AS_TRANS : (int) as);
                }
            }
        }
        return value;
    }

    /** The model's 8-octet AGGREGATOR as 2-octet AGGREGATOR plus AS4_AGGREGATOR when needed (RFC 6793 section 4.2.2). */
    private static void aggregator2(RawAttribute aggregator, List<RawAttribute> out) {
        Octets value = aggregator.value();
        long as = (long) value.get(0) << 24 | value.get(1) << 16 | value.get(2) << 8 | value.get(3);
        WireWriter narrow = new WireWriter().u16(as > 0xFFFF ? Open.AS_TRANS : (int) as);
        for (int i = 4; i < 8; i++) {
            narrow.u8(value.get(i));
        }
        out.add(raw(aggregator.flags(), AGGREGATOR, narrow));
        if (as > 0xFFFF) {
            out.add(new RawAttribute(OPTIONAL | TRANSITIVE, AS4_AGGREGATOR, value));
        }
    }

    private static RawAttribute raw(int flags, int type, WireWriter value) {
        return new RawAttribute(flags, type, Octets.of(value.toByteArray()));
    }

    private static void write(RawAttribute attribute, WireWriter out) {
        int length = attribute.value().length();
        if (length > 255) {
            out.u8(attribute.flags() | EXTENDED_LENGTH).u8(attribute.type()).u16(length);
        } else {
            out.u8(attribute.flags()).u8(attribute.type()).u8(length);
        }
        out.octets(attribute.value());
    }
}
