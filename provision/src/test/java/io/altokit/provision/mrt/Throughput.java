package io.altokit.provision.mrt;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;
import io.altokit.provision.bgp.message.AsPath;
import io.altokit.provision.bgp.message.BgpCodec;
import io.altokit.provision.bgp.message.Community;
import io.altokit.provision.bgp.message.DecodeResult;
import io.altokit.provision.bgp.message.LargeCommunity;
import io.altokit.provision.bgp.message.Origin;
import io.altokit.provision.bgp.message.PathAttributes;
import io.altokit.provision.bgp.message.SessionOptions;
import io.altokit.provision.bgp.message.Update;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rough full-table measurement, not a test: {@code java -cp ... io.altokit.provision.mrt.Throughput [prefixes-per-update]}.
 * Decodes 1,000,000 IPv4 + 200,000 IPv6 routes as UPDATEs, then writes and reads them as an MRT dump.
 */
final class Throughput {

    private static final int IPV4 = 1_000_000;
    private static final int IPV6 = 200_000;

    public static void main(String[] args) throws Exception {
        int perUpdate = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        PathAttributes attributes = PathAttributes.builder().origin(Origin.IGP)
                .asPath(AsPath.sequence(65001, 3356, 174, 4_200_000_002L))
                .nextHop((Inet4Address) InetAddress.getByName("192.0.2.1"))
                .mpNextHop(List.of(InetAddress.getByName("2001:db8::1")))
                .communities(List.of(Community.of(65000, 101), Community.of(65000, 202)))
                .largeCommunities(List.of(new LargeCommunity(65000, 1, 102))).build();
        BgpCodec codec = new BgpCodec(SessionOptions.FOUR_OCTET_AS);
        List<byte[]> updates = new ArrayList<>();
        List<PrefixKey> batch = new ArrayList<>();
        for (int i = 0; i < IPV4 + IPV6; i++) {
            batch.add(prefix(i));
            if (batch.size() == perUpdate || i == IPV4 - 1 || i == IPV4 + IPV6 - 1) {
                updates.add(codec.encode(Update.of(List.of(), batch, attributes)));
                batch = new ArrayList<>();
            }
        }
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long routes = 0;
            for (byte[] update : updates) {
                routes += ((Update) ((DecodeResult.Success) codec.decode(update)).message()).announced().size();
            }
            report("UPDATE decode, " + perUpdate + " prefix(es) per UPDATE", routes, System.nanoTime() - start);
        }

        Path file = Files.createTempFile("full-table", ".mrt");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            MrtWriter writer = new MrtWriter(out);
            writer.peerIndexTable(List.of(MrtWriter.peer("192.0.2.1", 65001), MrtWriter.peer("2001:db8::1", 65002)));
            byte[] ipv4 = MrtWriter.ribAttributes(attributes.toBuilder().mpNextHop(List.of()).build());
            byte[] ipv6 = MrtWriter.ribAttributes(attributes.toBuilder().nextHop(null).build());
            for (int i = 0; i < IPV4 + IPV6; i++) {
                PrefixKey prefix = prefix(i);
                writer.rib(i, prefix, List.of(new MrtWriter.Entry(prefix.family() == AddressFamily.IPV4 ? 0 : 1,
                        prefix.family() == AddressFamily.IPV4 ? ipv4 : ipv6)));
            }
        }
        System.out.printf("MRT file: %d MB%n", Files.size(file) >> 20);
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long routes = 0;
            try (MrtReader reader = MrtReader.open(file)) {
                for (Optional<MrtRoute> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                    routes++;
                }
            }
            report("MRT read", routes, System.nanoTime() - start);
        }
        Files.delete(file);
    }

    private static PrefixKey prefix(int i) {
        return i < IPV4
                ? new PrefixKey(AddressFamily.IPV4, (long) (0x0b000000 + i) << 40 & 0xFFFFFF0000000000L, 0, 24)
                : new PrefixKey(AddressFamily.IPV6, 0x2001_0db8_0000_0000L | (long) (i - IPV4) << 16, 0, 48);
    }

    private static void report(String what, long routes, long nanos) {
        System.out.printf("%s: %,d routes in %d ms = %,.0f routes/s (%.0f ns/route)%n",
                what, routes, nanos / 1_000_000, routes * 1e9 / nanos, (double) nanos / routes);
    }
}
