package io.altokit.provision.store;

import io.altokit.core.AddressFamily;
import io.altokit.core.CostMatrix;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.core.SnapshotException;
import io.altokit.model.CostContext;
import io.altokit.model.CostSource;
import io.altokit.provision.ProvisioningException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The state file format, version 2; all numbers big-endian, "varint" is unsigned LEB128.
 *
 * <pre>
 * header   magic "ALTOSNAP" (8 bytes), u16 format version, u32 CRC32C of the payload, u64 payload length
 * payload  varint PID count, then each PID name (varint length + UTF-8), in name (= index) order
 *          for IPv4, then IPv6, for each PID: varint prefix count, then each prefix in address order
 *              as u8 prefix length + the ceil(length / 8) leading address bytes (the rest are zero)
 *          varint metric count, then each metric: its name, then PIDs x PIDs f64 costs, row-major,
 *              NaN where the cost is undefined
 *          varint cost context count, then each (RFC 9439 cost-context): its metric's name, its cost
 *              source's name, its parameters as JSON text (an empty string when it has none)
 * </pre>
 *
 * Version 1 files, written before cost contexts were kept, end after the costs; they are still read.
 *
 * The default PID is not a field: it is whichever PID owns 0.0.0.0/0 and ::/0, stored like any
 * other prefix. Reading rebuilds the snapshot from the same content, so the vtags come out equal.
 */
final class SnapshotCodec {

    static final int VERSION = 2;
    /** The oldest version still read: the same content without cost contexts. */
    private static final int FIRST_VERSION = 1;
    private static final byte[] MAGIC = "ALTOSNAP".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = MAGIC.length + Short.BYTES + Integer.BYTES + Long.BYTES;
    private static final AddressFamily[] FAMILIES = {AddressFamily.IPV4, AddressFamily.IPV6};

    private SnapshotCodec() {}

    static void write(Snapshot snapshot, OutputStream out) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(1 << 16);
        writePayload(snapshot, new DataOutputStream(payload));
        CRC32C crc = new CRC32C();
        crc.update(payload.toByteArray());
        DataOutputStream header = new DataOutputStream(out);
        header.write(MAGIC);
        header.writeShort(VERSION);
        header.writeInt((int) crc.getValue());
        header.writeLong(payload.size());
        payload.writeTo(out);
    }

    private static void writePayload(Snapshot snapshot, DataOutputStream out) throws IOException {
        NetworkMap map = snapshot.networkMap();
        writeVarint(out, map.size());
        for (String name : map.pidNames()) {
            writeString(out, name);
        }
        for (AddressFamily family : FAMILIES) {
            for (int pid = 0; pid < map.size(); pid++) {
                List<IpPrefix> prefixes = map.prefixes(pid, family);
                writeVarint(out, prefixes.size());
                for (IpPrefix prefix : prefixes) {
                    out.writeByte(prefix.length());
                    out.write(prefix.address().getAddress(), 0, significantBytes(prefix.length()));
                }
            }
        }
        writeVarint(out, snapshot.metrics().size());
        for (String metric : snapshot.metrics()) {
            writeString(out, metric);
            CostMatrix matrix = snapshot.costMatrix(metric).orElseThrow();
            for (int src = 0; src < map.size(); src++) {
                for (int dst = 0; dst < map.size(); dst++) {
                    out.writeDouble(matrix.cost(src, dst));
                }
            }
        }
        writeVarint(out, snapshot.costContexts().size());
        for (Map.Entry<String, CostContext> context : snapshot.costContexts().entrySet()) {
            writeString(out, context.getKey());
            writeString(out, context.getValue().source().wireName());
            writeString(out, context.getValue().parameters().orElse(""));
        }
    }

    /**
     * @param source names the file in error messages
     * @throws ProvisioningException saying why the bytes are not a state file this version reads
     */
    static Snapshot read(byte[] file, String source) {
        ByteBuffer payload = checkedPayload(file, source);
        int version = Short.toUnsignedInt(ByteBuffer.wrap(file, MAGIC.length, Short.BYTES).getShort());
        try {
            Snapshot snapshot = readPayload(payload, version, source);
            if (payload.hasRemaining()) {
                throw corrupt(source, payload.remaining() + " bytes left after the content");
            }
            return snapshot;
        } catch (BufferUnderflowException e) {
            throw corrupt(source, "the content ends early");
        } catch (SnapshotException e) {
            throw corrupt(source, e.getMessage());
        }
    }

    private static ByteBuffer checkedPayload(byte[] file, String source) {
        if (file.length < HEADER_BYTES) {
            throw new ProvisioningException(source + ": truncated: " + file.length + " bytes, shorter than the "
                    + HEADER_BYTES + "-byte header");
        }
        ByteBuffer header = ByteBuffer.wrap(file);
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ProvisioningException(source + ": not an AltoKit state file (starts with 0x"
                    + HexFormat.of().formatHex(magic) + ")");
        }
        int version = Short.toUnsignedInt(header.getShort());
        if (version < FIRST_VERSION || version > VERSION) {
            throw new ProvisioningException(source + ": state file format version " + version
                    + ", this AltoKit reads versions " + FIRST_VERSION + " to " + VERSION);
        }
        int checksum = header.getInt();
        long length = header.getLong();
        if (length != file.length - HEADER_BYTES) {
            throw new ProvisioningException(source + ": truncated or padded: the header announces " + length
                    + " content bytes, the file holds " + (file.length - HEADER_BYTES));
        }
        CRC32C crc = new CRC32C();
        crc.update(file, HEADER_BYTES, file.length - HEADER_BYTES);
        if ((int) crc.getValue() != checksum) {
            throw corrupt(source, "checksum mismatch");
        }
        return header.slice();
    }

    private static Snapshot readPayload(ByteBuffer in, int version, String source) {
        Snapshot.Builder builder = Snapshot.builder();
        String[] names = new String[count(in, source)];
        for (int pid = 0; pid < names.length; pid++) {
            names[pid] = readString(in, source);
            if (pid > 0 && names[pid].compareTo(names[pid - 1]) <= 0) {
                throw corrupt(source, "PID names are not sorted and distinct at \"" + names[pid] + "\"");
            }
        }
        List<List<IpPrefix>> prefixes = new ArrayList<>(names.length);
        for (int pid = 0; pid < names.length; pid++) {
            prefixes.add(new ArrayList<>());
        }
        for (AddressFamily family : FAMILIES) {
            for (List<IpPrefix> ofPid : prefixes) {
                for (int n = count(in, source); n > 0; n--) {
                    ofPid.add(readPrefix(in, family, source));
                }
            }
        }
        for (int pid = 0; pid < names.length; pid++) {
            builder.pid(names[pid], prefixes.get(pid));
        }
        for (int m = count(in, source); m > 0; m--) {
            readCosts(in, builder, readString(in, source), names, source);
        }
        if (version >= 2) {
            for (int c = count(in, source); c > 0; c--) {
                readCostContext(in, builder, source);
            }
        }
        return builder.build();
    }

    private static IpPrefix readPrefix(ByteBuffer in, AddressFamily family, String source) {
        int length = Byte.toUnsignedInt(in.get());
        if (length > family.bits()) {
            throw corrupt(source, "prefix length " + length + " exceeds " + family.bits());
        }
        byte[] address = new byte[family.bits() / 8];
        in.get(address, 0, significantBytes(length));
        try {
            return new IpPrefix(InetAddress.getByAddress(address), length);
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw corrupt(source, e.getMessage());
        }
    }

    private static void readCosts(ByteBuffer in, Snapshot.Builder builder, String metric, String[] names, String source) {
        int size = names.length;
        if ((long) size * size * Double.BYTES > in.remaining()) {
            throw corrupt(source, "the " + metric + " costs end early");
        }
        boolean defined = false;
        for (String src : names) {
            for (String dst : names) {
                double cost = in.getDouble();
                if (!Double.isNaN(cost)) {
                    builder.cost(metric, src, dst, cost);
                    defined = true;
                }
            }
        }
        // A snapshot never holds a metric without costs; the builder would silently drop it.
        if (!defined) {
            throw corrupt(source, "metric " + metric + " has no cost");
        }
    }

    private static void readCostContext(ByteBuffer in, Snapshot.Builder builder, String source) {
        String metric = readString(in, source);
        String sourceName = readString(in, source);
        String parameters = readString(in, source);
        CostSource costSource = CostSource.fromWire(sourceName)
                .orElseThrow(() -> corrupt(source, "metric " + metric + " has the unknown cost source \"" + sourceName + "\""));
        try {
            builder.costContext(metric, new CostContext(costSource, parameters.isEmpty() ? Optional.empty() : Optional.of(parameters)));
        } catch (IllegalArgumentException e) {
            throw corrupt(source, e.getMessage());
        }
    }

    private static ProvisioningException corrupt(String source, String reason) {
        return new ProvisioningException(source + ": corrupt state file: " + reason);
    }

    private static int significantBytes(int prefixLength) {
        return (prefixLength + 7) / 8;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarint(out, bytes.length);
        out.write(bytes);
    }

    private static String readString(ByteBuffer in, String source) {
        byte[] bytes = new byte[count(in, source)];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeVarint(DataOutputStream out, int value) throws IOException {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out.writeByte(rest & 0x7F | 0x80);
            rest >>>= 7;
        }
        out.writeByte(rest);
    }

    /** A varint count of items of at least one byte each, so it cannot exceed the bytes left. */
    private static int count(ByteBuffer in, String source) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 28) {
                throw corrupt(source, "a count has more than 5 bytes");
            }
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (value > in.remaining()) {
            throw corrupt(source, "a count of " + value + " exceeds the " + in.remaining() + " bytes left");
        }
        return (int) value;
    }
}
