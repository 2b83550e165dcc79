package io.altokit.provision.mrt;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;
import io.altokit.model.IpBits;
import io.altokit.provision.bgp.message.AttributeDecoder;
import io.altokit.provision.mrt.MrtStats.Skip;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;

/**
 * Reads routes one at a time from an MRT file (RFC 6396): RIB dumps in TABLE_DUMP_V2 (with the RFC 8050
 * ADD-PATH subtypes) and the older TABLE_DUMP, and BGP4MP / BGP4MP_ET update files, whose withdrawals
 * come out as {@link Withdrawal}s. Plain, gzip or bzip2, told apart by content. Only one record is in
 * memory at a time, in a reused buffer. Anything unreadable is skipped and counted in {@link #stats()};
 * {@link #next()} throws only when the stream itself fails.
 */
public final class MrtReader implements Closeable {

    /** Records beyond this are skipped unread: no real record comes close, a corrupt length field may. */
    static final int MAX_RECORD_LENGTH = 16 << 20;

    private static final int HEADER_LENGTH = 12;
    private static final int PEER_INDEX_TABLE = 1;
    private static final int RIB_IPV4_UNICAST = 2;
    private static final int RIB_IPV6_UNICAST = 4;
    private static final int RIB_IPV4_UNICAST_ADDPATH = 8;
    private static final int RIB_IPV6_UNICAST_ADDPATH = 10;
    private static final int ET_MICROSECONDS = 4;

    private final InputStream in;
    private final boolean compressed;
    private final byte[] header = new byte[HEADER_LENGTH];
    private byte[] record = new byte[1 << 16];
    private boolean ended;
    private boolean damaged;
    private final ArrayDeque<MrtRoute> pending = new ArrayDeque<>();
    private final RecordSink sink = new RecordSink() {
        @Override
        public void route(MrtRoute route) {
            pending.add(route);
        }

        @Override
        public void skip(Skip reason) {
            MrtReader.this.skip(reason);
        }
    };

    private List<Peer> peers = List.of();

    private long records;
    private long peerIndexTables;
    private long ribRecords;
    private long routes;
    private final Map<Skip, Long> skipped = new EnumMap<>(Skip.class);
    /** Records by {@code type << 16 | subtype}, named only when asked for; records of one kind come in runs. */
    private final Map<Integer, long[]> kinds = new LinkedHashMap<>();
    private int lastKind = -1;
    private long[] lastKindCount;

    /** Reads {@code in}, uncompressing it if it starts with the gzip or the bzip2 magic number. */
    public MrtReader(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(3);
        byte[] magic = buffered.readNBytes(3);
        buffered.reset();
        boolean gzip = magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
        boolean bzip2 = magic.length == 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h';
        compressed = gzip || bzip2;
        this.in = compressed ? uncompressing(buffered, gzip) : buffered;
    }

    public static MrtReader open(Path file) throws IOException {
        return new MrtReader(Files.newInputStream(file));
    }

    /** The decompressor, or an empty input marked damaged when even the compression header is broken. */
    private InputStream uncompressing(InputStream raw, boolean gzip) {
        try {
            InputStream inflated = gzip ? new GZIPInputStream(raw, 1 << 16) : new BZip2CompressorInputStream(raw, true);
            return new BufferedInputStream(inflated, 1 << 16);
        } catch (IOException e) {
            damaged = true;
            return InputStream.nullInputStream();
        }
    }

    /** The next usable route, or empty at the end of the input. */
    public Optional<MrtRoute> next() throws IOException {
        while (pending.isEmpty()) {
            if (!nextRecord()) {
                return Optional.empty();
            }
        }
        routes++;
        return Optional.of(pending.poll());
    }

    /** The peers of the last PEER_INDEX_TABLE read. */
    public List<Peer> peers() {
        return peers;
    }

    public MrtStats stats() {
        Map<String, Long> named = new LinkedHashMap<>();
        kinds.forEach((kind, count) -> named.put(MrtTypes.kind(kind >>> 16, kind & 0xFFFF), count[0]));
        return new MrtStats(records, peerIndexTables, ribRecords, routes, skipped, named);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads one record and decodes its routes into {@link #pending}; false at the end of the input. */
    private boolean nextRecord() throws IOException {
        if (ended) {
            return false;
        }
        int got = readFully(header, HEADER_LENGTH);
        if (got < HEADER_LENGTH) {
            return end(got > 0);
        }
        long time = Integer.toUnsignedLong(Bytes.i32(header, 0));
        int type = Bytes.u16(header, 4);
        int subtype = Bytes.u16(header, 6);
        long length = Integer.toUnsignedLong(Bytes.i32(header, 8));
        if (records == 0 && MrtTypes.typeName(type).isEmpty()) {
            // a first record of a type MRT does not define: this is not MRT, reading on finds only noise
            ended = true;
            skip(Skip.NOT_MRT);
            return false;
        }
        if (length > MAX_RECORD_LENGTH) {
            if (skipFully(length) < length) {
                return end(true);
            }
            count(type, subtype);
            skip(Skip.OVERSIZED_RECORD);
            return true;
        }
        if (record.length < length) {
            record = new byte[(int) Math.max(length, record.length * 2L)];
        }
        if (readFully(record, (int) length) < length) {
            return end(true);
        }
        count(type, subtype);
        decode(type, subtype, time, (int) length);
        return true;
    }

    private void count(int type, int subtype) {
        records++;
        int kind = type << 16 | subtype;
        if (kind != lastKind) {
            lastKindCount = kinds.computeIfAbsent(kind, k -> new long[1]);
            lastKind = kind;
        }
        lastKindCount[0]++;
    }

    private void decode(int type, int subtype, long time, int length) {
        switch (type) {
            case MrtTypes.TABLE_DUMP_V2 -> {
                if (subtype == PEER_INDEX_TABLE) {
                    peerIndexTable(length);
                } else if (subtype == RIB_IPV4_UNICAST || subtype == RIB_IPV6_UNICAST
                        || subtype == RIB_IPV4_UNICAST_ADDPATH || subtype == RIB_IPV6_UNICAST_ADDPATH) {
                    rib(subtype == RIB_IPV4_UNICAST || subtype == RIB_IPV4_UNICAST_ADDPATH ? AddressFamily.IPV4 : AddressFamily.IPV6,
                            subtype >= RIB_IPV4_UNICAST_ADDPATH, length);
                } else {
                    skip(Skip.OTHER_SUBTYPE);
                }
            }
            case MrtTypes.TABLE_DUMP -> {
                ribRecords++;
                TableDump.decode(subtype, record, 0, length, sink);
            }
            case MrtTypes.BGP4MP -> Bgp4mp.decode(subtype, time, record, 0, length, sink);
            case MrtTypes.BGP4MP_ET -> {
                if (length < ET_MICROSECONDS) {
                    skip(Skip.MALFORMED_RECORD);
                } else {
                    Bgp4mp.decode(subtype, time, record, ET_MICROSECONDS, length, sink);
                }
            }
            default -> skip(Skip.OTHER_TYPE);
        }
    }

    private boolean end(boolean truncated) {
        ended = true;
        if (truncated || damaged) {
            skip(Skip.TRUNCATED);
        }
        return false;
    }

    /** Like {@link InputStream#readNBytes}, but damaged compressed data counts as the end of the input. */
    private int readFully(byte[] into, int length) throws IOException {
        int got = 0;
        try {
            while (got < length) {
                int n = in.read(into, got, length - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
        } catch (IOException e) {
            if (!compressed) {
                throw e;
            }
            damaged = true;
        }
        return got;
    }

    private long skipFully(long length) throws IOException {
        long done = 0;
        try {
            while (done < length) {
                long n = in.skip(length - done);
                if (n <= 0) {
                    if (in.read() < 0) {
                        break;
                    }
                    n = 1;
                }
                done += n;
            }
        } catch (IOException e) {
            if (!compressed) {
                throw e;
            }
            damaged = true;
        }
        return done;
    }

    /** RFC 6396 section 4.3.1. */
    private void peerIndexTable(int recordEnd) {
        peerIndexTables++;
        peers = List.of();
        int at = 4;
        if (recordEnd < at + 2) {
            skip(Skip.MALFORMED_RECORD);
            return;
        }
        at += 2 + Bytes.u16(record, at);
        if (at + 2 > recordEnd) {
            skip(Skip.MALFORMED_RECORD);
            return;
        }
        int count = Bytes.u16(record, at);
        at += 2;
        List<Peer> table = new ArrayList<>(Math.min(count, (recordEnd - at) / 7));
        for (int i = 0; i < count; i++) {
            if (at + 1 > recordEnd) {
                skip(Skip.MALFORMED_RECORD);
                return;
            }
            int peerType = record[at] & 0xFF;
            int addressLength = (peerType & 1) != 0 ? 16 : 4;
            int asLength = (peerType & 2) != 0 ? 4 : 2;
            if (at + 5 + addressLength + asLength > recordEnd) {
                skip(Skip.MALFORMED_RECORD);
                return;
            }
            long identifier = Integer.toUnsignedLong(Bytes.i32(record, at + 1));
            byte[] address = Arrays.copyOfRange(record, at + 5, at + 5 + addressLength);
            int asAt = at + 5 + addressLength;
            long as = asLength == 4 ? Integer.toUnsignedLong(Bytes.i32(record, asAt)) : Bytes.u16(record, asAt);
            table.add(new Peer(identifier, IpBits.toInetAddress(address), as));
            at = asAt + asLength;
        }
        peers = List.copyOf(table);
    }

    /** RFC 6396 section 4.3.2 and RFC 8050 section 4.1: sequence number, prefix, entry count, entries. */
    private void rib(AddressFamily family, boolean addPath, int recordEnd) {
        ribRecords++;
        if (recordEnd < 5) {
            skip(Skip.MALFORMED_RECORD);
            return;
        }
        int length = record[4] & 0xFF;
        int octets = (length + 7) >>> 3;
        if (length > family.bits() || 5 + octets + 2 > recordEnd) {
            skip(Skip.MALFORMED_RECORD);
            return;
        }
        PrefixKey prefix = PrefixKey.read(family, length, record, 5);
        int entries = Bytes.u16(record, 5 + octets);
        int position = 5 + octets + 2;
        int fixed = addPath ? 12 : 8;
        for (int i = 0; i < entries; i++) {
            if (position + fixed > recordEnd) {
                skip(Skip.MALFORMED_RECORD);
                return;
            }
            int peerIndex = Bytes.u16(record, position);
            long originated = Integer.toUnsignedLong(Bytes.i32(record, position + 2));
            OptionalLong pathId = addPath ? OptionalLong.of(Integer.toUnsignedLong(Bytes.i32(record, position + 6))) : OptionalLong.empty();
            int attributes = position + fixed;
            int attributesEnd = attributes + Bytes.u16(record, position + fixed - 2);
            if (attributesEnd > recordEnd) {
                skip(Skip.MALFORMED_RECORD);
                return;
            }
            position = attributesEnd;
            if (peerIndex >= peers.size()) {
                skip(Skip.UNKNOWN_PEER);
                continue;
            }
            AttributeDecoder.RibAttributes decoded = AttributeDecoder.decodeRib(record, attributes, attributesEnd, true);
            if (!decoded.usable()) {
                skip(Skip.MALFORMED_ATTRIBUTES);
                continue;
            }
            pending.add(new RibEntry(prefix, peers.get(peerIndex), originated, pathId, decoded.attributes(), decoded.problems()));
        }
    }

    private void skip(Skip reason) {
        skipped.merge(reason, 1L, Long::sum);
    }
}
