package io.altokit.provision.mrt;

import io.altokit.core.PrefixKey;
import io.altokit.model.IpBits;
import io.altokit.provision.bgp.message.BgpCodec;
import io.altokit.provision.bgp.message.DecodeResult;
import io.altokit.provision.bgp.message.SessionOptions;
import io.altokit.provision.bgp.message.Update;
import io.altokit.provision.mrt.MrtStats.Skip;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * BGP4MP and BGP4MP_ET records (RFC 6396 sections 4.4 and 4.5), as route collectors archive the
 * UPDATEs they receive: each UPDATE's withdrawals, then its announcements. State changes and OPEN,
 * KEEPALIVE and NOTIFICATION messages carry no routes; ADD-PATH subtypes (RFC 8050) are skipped.
 */
final class Bgp4mp {
    static final int STATE_CHANGE = 0;
    static final int MESSAGE = 1;
    static final int MESSAGE_AS4 = 4;
    static final int STATE_CHANGE_AS4 = 5;
    static final int MESSAGE_LOCAL = 6;
    static final int MESSAGE_AS4_LOCAL = 7;

    private static final int AFI_IPV4 = 1;
    private static final int AFI_IPV6 = 2;
    /** Collectors archive what their peers sent, extended messages (RFC 8654) included. */
    private static final BgpCodec TWO_OCTET_AS = new BgpCodec(new SessionOptions(false, true));
    private static final BgpCodec FOUR_OCTET_AS = new BgpCodec(new SessionOptions(true, true));

    private Bgp4mp() {
    }

    /** The record body is {@code [from, to)}; for BGP4MP_ET the caller has stepped over the microseconds. */
    static void decode(int subtype, long time, byte[] b, int from, int to, RecordSink sink) {
        if (subtype == STATE_CHANGE || subtype == STATE_CHANGE_AS4) {
            return;
        }
        boolean fourOctetAs = subtype == MESSAGE_AS4 || subtype == MESSAGE_AS4_LOCAL;
        if (!fourOctetAs && subtype != MESSAGE && subtype != MESSAGE_LOCAL) {
            sink.skip(Skip.OTHER_SUBTYPE);
            return;
        }
        int asLength = fourOctetAs ? 4 : 2;
        int at = from + 2 * asLength + 2;                 // peer AS, local AS, interface index
        if (at + 2 > to) {
            sink.skip(Skip.MALFORMED_RECORD);
            return;
        }
        long peerAs = fourOctetAs ? Integer.toUnsignedLong(Bytes.i32(b, from)) : Bytes.u16(b, from);
        int afi = Bytes.u16(b, at);
        int addressLength = afi == AFI_IPV4 ? 4 : afi == AFI_IPV6 ? 16 : -1;
        at += 2;
        if (addressLength < 0 || at + 2 * addressLength > to) {
            sink.skip(Skip.MALFORMED_RECORD);
            return;
        }
        Peer peer = new Peer(0, IpBits.toInetAddress(Arrays.copyOfRange(b, at, at + addressLength)), peerAs);
        at += 2 * addressLength;                         // peer and local address
        DecodeResult result = (fourOctetAs ? FOUR_OCTET_AS : TWO_OCTET_AS).decode(b, at, to - at);
        switch (result) {
            case DecodeResult.Failure failure -> sink.skip(Skip.MALFORMED_MESSAGE);
            case DecodeResult.Success(Update update) -> apply(update, peer, time, sink);
            case DecodeResult.Success other -> { }          // OPEN, KEEPALIVE, NOTIFICATION, ROUTE-REFRESH
        }
    }

    private static void apply(Update update, Peer peer, long time, RecordSink sink) {
        if (update.treatedAsWithdraw()) {
            sink.skip(Skip.MALFORMED_ATTRIBUTES);
        }
        for (PrefixKey prefix : update.withdrawn()) {
            sink.route(new Withdrawal(prefix, peer, time));
        }
        for (PrefixKey prefix : update.announced()) {
            sink.route(new RibEntry(prefix, peer, time, OptionalLong.empty(), update.attributes(), update.problems()));
        }
    }
}
