package io.altokit.provision.mrt;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;
import io.altokit.model.IpBits;
import io.altokit.provision.bgp.message.AttributeDecoder;
import io.altokit.provision.mrt.MrtStats.Skip;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * TABLE_DUMP records (RFC 6396 section 4.2), the RIB dumps route collectors wrote before
 * TABLE_DUMP_V2: one route per record, two-octet AS numbers in the attributes.
 */
final class TableDump {
    private static final int AFI_IPV4 = 1;
    private static final int AFI_IPV6 = 2;

    private TableDump() {
    }

    static void decode(int subtype, byte[] b, int from, int to, RecordSink sink) {
        AddressFamily family = subtype == AFI_IPV4 ? AddressFamily.IPV4 : subtype == AFI_IPV6 ? AddressFamily.IPV6 : null;
        if (family == null) {
            sink.skip(Skip.OTHER_SUBTYPE);
            return;
        }
        int addressLength = family.bits() / 8;
        int prefixAt = from + 4;                         // view number, sequence number
        int lengthAt = prefixAt + addressLength;
        int peerAt = lengthAt + 6;                       // prefix length, status, originated time
        int attributes = peerAt + addressLength + 4;     // peer address, peer AS, attribute length
        if (attributes > to) {
            sink.skip(Skip.MALFORMED_RECORD);
            return;
        }
        int prefixLength = b[lengthAt] & 0xFF;
        int attributesEnd = attributes + Bytes.u16(b, attributes - 2);
        if (prefixLength > family.bits() || attributesEnd > to) {
            sink.skip(Skip.MALFORMED_RECORD);
            return;
        }
        Peer peer = new Peer(0, IpBits.toInetAddress(Arrays.copyOfRange(b, peerAt, peerAt + addressLength)),
                Bytes.u16(b, peerAt + addressLength));
        AttributeDecoder.RibAttributes decoded = AttributeDecoder.decodeRib(b, attributes, attributesEnd, false);
        if (!decoded.usable()) {
            sink.skip(Skip.MALFORMED_ATTRIBUTES);
            return;
        }
        long originated = Integer.toUnsignedLong(Bytes.i32(b, lengthAt + 2));
        sink.route(new RibEntry(PrefixKey.read(family, prefixLength, b, prefixAt), peer, originated, OptionalLong.empty(),
                decoded.attributes(), decoded.problems()));
    }
}
