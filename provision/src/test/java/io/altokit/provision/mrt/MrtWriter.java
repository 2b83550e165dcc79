package io.altokit.provision.mrt;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;
import io.altokit.provision.bgp.message.BgpCodec;
import io.altokit.provision.bgp.message.PathAttributes;
import io.altokit.provision.bgp.message.SessionOptions;
import io.altokit.provision.bgp.message.Update;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Writes MRT records for tests and benchmarks; attributes and BGP messages come from the UPDATE encoder. */
public final class MrtWriter {

    private static final BgpCodec CODEC = new BgpCodec(new SessionOptions(true, true));

    private final DataOutputStream out;

    public MrtWriter(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    /** Path attributes as a RIB entry holds them: 4-octet AS numbers; IPv6 next hop in the abbreviated MP_REACH_NLRI. */
    static byte[] ribAttributes(PathAttributes attributes) {
        byte[] update = CODEC.encode(Update.of(List.of(), List.of(), attributes.toBuilder().mpNextHop(List.of()).build()));
        int length = (update[21] & 0xFF) << 8 | update[22] & 0xFF;
        byte[] plain = Arrays.copyOfRange(update, 23, 23 + length);
        if (attributes.mpNextHop().isEmpty()) {
            return plain;
        }
        byte[] hop = attributes.mpNextHop().getFirst().getAddress();
        byte[] withHop = Arrays.copyOf(plain, plain.length + 4 + hop.length);
        int at = plain.length;
        withHop[at] = (byte) 0x80;
        withHop[at + 1] = 14;
        withHop[at + 2] = (byte) (hop.length + 1);
        withHop[at + 3] = (byte) hop.length;
        System.arraycopy(hop, 0, withHop, at + 4, hop.length);
        return withHop;
    }

    /**
     * A BGP4MP MESSAGE (or MESSAGE_AS4) record, or with {@code extendedTime} a BGP4MP_ET one, of {@code update}
     * as {@code peer} sent it to 192.0.2.254 over IPv4 or IPv6.
     */
    public MrtWriter bgp4mp(boolean extendedTime, boolean fourOctetAs, Peer peer, Update update) {
        Body body = new Body();
        if (extendedTime) {
            body.i32(123_456);
        }
        byte[] address = peer.address().getAddress();
        if (fourOctetAs) {
            body.i32((int) peer.asNumber()).i32(65000);
        } else {
            body.u16((int) peer.asNumber()).u16(65000);
        }
        body.u16(0).u16(address.length == 4 ? 1 : 2).bytes(address).bytes(new byte[address.length]);
        body.bytes(new BgpCodec(new SessionOptions(fourOctetAs, true)).encode(update));
        return record(extendedTime ? 17 : 16, fourOctetAs ? 4 : 1, body.toByteArray());
    }

    /** A TABLE_DUMP (version 1) record: one route, two-octet AS numbers, an IPv6 next hop in a whole MP_REACH_NLRI. */
    public MrtWriter tableDump(PrefixKey prefix, Peer peer, PathAttributes attributes) {
        byte[] update = new BgpCodec(SessionOptions.DEFAULT).encode(Update.of(List.of(), List.of(prefix), attributes));
        int length = (update[21] & 0xFF) << 8 | update[22] & 0xFF;
        byte[] network = prefix.toIpPrefix().address().getAddress();
        Body body = new Body().u16(0).u16(1).bytes(network).u8(prefix.length()).u8(1).i32(1_600_000_000)
                .bytes(peer.address().getAddress()).u16((int) peer.asNumber()).u16(length)
                .bytes(Arrays.copyOfRange(update, 23, 23 + length));
        return record(12, network.length == 4 ? 1 : 2, body.toByteArray());
    }

    public MrtWriter record(int type, int subtype, byte[] body) {
        try {
            out.writeInt(1_700_000_000);
            out.writeShort(type);
            out.writeShort(subtype);
            out.writeInt(body.length);
            out.write(body);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MrtWriter peerIndexTable(List<Peer> peers) {
        Body body = new Body();
        body.i32(0x7f000003).u16(0).u16(peers.size());
        for (Peer peer : peers) {
            byte[] address = peer.address().getAddress();
            body.u8((address.length == 16 ? 1 : 0) | 2).i32((int) peer.bgpIdentifier()).bytes(address).i32((int) peer.asNumber());
        }
        return record(13, 1, body.toByteArray());
    }

    /** A RIB record for {@code prefix}; each entry is {peer index, attribute bytes}. */
    MrtWriter rib(int sequence, PrefixKey prefix, List<Entry> entries) {
        return record(13, prefix.family() == AddressFamily.IPV4 ? 2 : 4, ribBody(sequence, prefix, entries, false));
    }

    MrtWriter ribAddPath(int sequence, PrefixKey prefix, List<Entry> entries) {
        return record(13, prefix.family() == AddressFamily.IPV4 ? 8 : 10, ribBody(sequence, prefix, entries, true));
    }

    record Entry(int peerIndex, long pathId, byte[] attributes) {
        Entry(int peerIndex, byte[] attributes) {
            this(peerIndex, 0, attributes);
        }
    }

    static byte[] ribBody(int sequence, PrefixKey prefix, List<Entry> entries, boolean addPath) {
        Body body = new Body();
        body.i32(sequence).u8(prefix.length());
        for (int i = 0; i < (prefix.length() + 7) / 8; i++) {
            body.u8((int) (i < 8 ? prefix.high() >>> (56 - 8 * i) : prefix.low() >>> (120 - 8 * i)));
        }
        body.u16(entries.size());
        for (Entry entry : entries) {
            body.u16(entry.peerIndex()).i32(1_700_000_000);
            if (addPath) {
                body.i32((int) entry.pathId());
            }
            body.u16(entry.attributes().length).bytes(entry.attributes());
        }
        return body.toByteArray();
    }

    public static Peer peer(String address, long as) {
        try {
            return new Peer(0x7f000002L, InetAddress.getByName(address), as);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    private static final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Body u8(int value) {
            bytes.write(value);
            return this;
        }

        Body u16(int value) {
            return u8(value >>> 8).u8(value);
        }

        Body i32(int value) {
            return u16(value >>> 16).u16(value);
        }

        Body bytes(byte[] value) {
            bytes.writeBytes(value);
            return this;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
