package io.altokit.provision.mrt;

import io.altokit.core.AddressFamily;
import io.altokit.model.IpBits;
import io.altokit.provision.bgp.message.AttributeDecoder;
import io.altokit.provision.bgp.message.Prefix;
import io.altokit.provision.mrt.MrtStats.Skip;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads RIB entries one at a time from a TABLE_DUMP_V2 file (RFC 6396 section 4.3), plain or gzip.
 * Only one record is in memory at a time, in a reused buffer. Anything unreadable is skipped and
 * counted in {@link #stats()}; {@link #next()} throws only when the stream itself fails.
 */
public final class MrtReader implements Closeable {

    /** Records beyond this are skipped unread: no real RIB record comes close, a corrupt length field may. */
    static final int MAX_RECORD_LENGTH = 16 << 20;

    private static final int HEADER_LENGTH = 12;
    private static final int TABLE_DUMP_V2 = 13;
    private static final int PEER_INDEX_TABLE = 1;
    private static final int RIB_IPV4_UNICAST = 2;
    private static final int RIB_IPV6_UNICAST = 4;
    private static final int RIB_IPV4_UNICAST_ADDPATH = 8;
    private static final int RIB_IPV6_UNICAST_ADDPATH = 10;

    private final InputStream in;
    private final byte[] header = new byte[HEADER_LENGTH];
    private byte[] record = new byte[1 << 16];
    private boolean ended;
    private boolean damaged;

    private List<Peer> peers = List.of();
    private Prefix prefix;
    private boolean addPath;
    private int position;
    private int recordEnd;
    private int entriesLeft;

    private long records;
    private long peerIndexTables;
    private long ribRecords;
    private long entries;
    private final Map<Skip, Long> skipped = new EnumMap<>(Skip.class);

    /** Reads {@code in}, uncompressing it if it starts with the gzip magic number. */
    public MrtReader(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1F && buffered.read() == 0x8B;
        buffered.reset();
        this.in = gzip ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16) : buffered;
    }

    public static MrtReader open(Path file) throws IOException {
        return new MrtReader(Files.newInputStream(file));
    }

    /** The next usable RIB entry, or empty at the end of the input. */
    public Optional<RibEntry> next() throws IOException {
        while (true) {
            while (entriesLeft > 0) {
                RibEntry entry = entry();
                if (entry != null) {
                    entries++;
                    return Optional.of(entry);
                }
            }
            if (!nextRecord()) {
                return Optional.empty();
            }
        }
    }

    /** The peers of the last PEER_INDEX_TABLE read. */
    public List<Peer> peers() {
        return peers;
    }

    public MrtStats stats() {
        return new MrtStats(records, peerIndexTables, ribRecords, entries, skipped);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads one record and sets up its entries; false at the end of the input. */
    private boolean nextRecord() throws IOException {
        if (ended) {
            return false;
        }
        int got = readFully(header, HEADER_LENGTH);
        if (got < HEADER_LENGTH) {
            return end(got > 0);
        }
        int type = u16(header, 4);
        int subtype = u16(header, 6);
        long length = Integer.toUnsignedLong(i32(header, 8));
        if (length > MAX_RECORD_LENGTH) {
            try {
                in.skipNBytes(length);
            } catch (EOFException | ZipException e) {
                return end(true);
            }
            records++;
            skip(Skip.OVERSIZED_RECORD);
            return true;
        }
        if (record.length < length) {
            record = new byte[(int) Math.max(length, record.length * 2L)];
        }
        if (readFully(record, (int) length) < length) {
            return end(true);
        }
        records++;
        recordEnd = (int) length;
        if (type != TABLE_DUMP_V2) {
            skip(Skip.OTHER_TYPE);
        } else if (subtype == PEER_INDEX_TABLE) {
            peerIndexTable();
        } else if (subtype == RIB_IPV4_UNICAST || subtype == RIB_IPV6_UNICAST
                || subtype == RIB_IPV4_UNICAST_ADDPATH || subtype == RIB_IPV6_UNICAST_ADDPATH) {
            ribHeader(subtype == RIB_IPV4_UNICAST || subtype == RIB_IPV4_UNICAST_ADDPATH ? AddressFamily.IPV4 : AddressFamily.IPV6,
                    subtype >= RIB_IPV4_UNICAST_ADDPATH);
        } else {
            skip(Skip.OTHER_SUBTYPE);
        }
        return true;
    }

    private boolean end(boolean truncated) {
        ended = true;
        if (truncated || damaged) {
            skip(Skip.TRUNCATED);
        }
        return false;
    }

    /** Like {@link InputStream#readNBytes}, but a damaged gzip stream counts as the end of the input. */
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
        } catch (EOFException | ZipException e) {
            damaged = true;
        }
        return got;
    }

    /** RFC 6396 section 4.3.1. */
    private void peerIndexTable() {
        peerIndexTables++;
        peers = List.of();
        int at = 4;
        if (recordEnd < at + 2) {
            skip(Skip.MALFORMED_RECORD);
            return;
        }
        at += 2 + u16(record, at);
        if (at + 2 > recordEnd) {
            skip(Skip.MALFORMED_RECORD);
            return;
        }
        int count = u16(record, at);
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
            long identifier = Integer.toUnsignedLong(i32(record, at + 1));
            byte[] address = Arrays.copyOfRange(record, at + 5, at + 5 + addressLength);
            int asAt = at + 5 + addressLength;
            long as = asLength == 4 ? Integer.toUnsignedLong(i32(record, asAt)) : u16(record, asAt);
            table.add(new Peer(identifier, IpBits.toInetAddress(address), as));
            at = asAt + asLength;
        }
        peers = List.copyOf(table);
    }

    /** RFC 6396 section 4.3.2 and RFC 8050 section 4.1: sequence number, prefix, entry count. */
    private void ribHeader(AddressFamily family, boolean withPathId) {
        ribRecords++;
        entriesLeft = 0;
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
        prefix = Prefix.read(family, length, record, 5);
        addPath = withPathId;
        entriesLeft = u16(record, 5 + octets);
        position = 5 + octets + 2;
    }

    /** The entry at {@link #position}, or null if it was skipped (and counted). */
    private RibEntry entry() {
        int fixed = addPath ? 12 : 8;
        if (position + fixed > recordEnd) {
            return malformedRecord();
        }
        int peerIndex = u16(record, position);
        long originated = Integer.toUnsignedLong(i32(record, position + 2));
        OptionalLong pathId = addPath ? OptionalLong.of(Integer.toUnsignedLong(i32(record, position + 6))) : OptionalLong.empty();
        int attributesLength = u16(record, position + fixed - 2);
        int attributes = position + fixed;
        if (attributes + attributesLength > recordEnd) {
            return malformedRecord();
        }
        entriesLeft--;
        position = attributes + attributesLength;
        if (peerIndex >= peers.size()) {
            skip(Skip.UNKNOWN_PEER);
            return null;
        }
        AttributeDecoder.RibAttributes decoded = AttributeDecoder.decodeRib(record, attributes, attributes + attributesLength);
        if (!decoded.usable()) {
            skip(Skip.MALFORMED_ATTRIBUTES);
            return null;
        }
        return new RibEntry(prefix, peers.get(peerIndex), originated, pathId, decoded.attributes(), decoded.problems());
    }

    private RibEntry malformedRecord() {
        entriesLeft = 0;
        skip(Skip.MALFORMED_RECORD);
        return null;
    }

    private void skip(Skip reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static int i32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }
}
