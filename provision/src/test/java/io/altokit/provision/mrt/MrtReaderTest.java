package io.altokit.provision.mrt;

import io.altokit.core.PrefixKey;
import io.altokit.provision.bgp.message.AsPath;
import io.altokit.provision.bgp.message.Community;
import io.altokit.provision.bgp.message.LargeCommunity;
import io.altokit.provision.bgp.message.Origin;
import io.altokit.provision.bgp.message.PathAttributes;
import io.altokit.provision.bgp.message.Update;
import io.altokit.provision.mrt.MrtStats.Skip;
import io.altokit.provision.mrt.MrtWriter.Entry;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class MrtReaderTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "mrt");

    static List<RibEntry> readAll(MrtReader reader) throws IOException {
        List<RibEntry> entries = new ArrayList<>();
        for (Optional<MrtRoute> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
            entries.add((RibEntry) entry.get());
        }
        return entries;
    }

    private static Map<String, RibEntry> byPrefix(List<RibEntry> entries) {
        Map<String, RibEntry> map = new java.util.TreeMap<>();
        entries.forEach(e -> map.put(e.prefix().toString(), e));
        return map;
    }

    @Test
    void readsBirdsIpv4Dump() throws IOException {
        try (MrtReader reader = MrtReader.open(FIXTURES.resolve("bird-master4.mrt"))) {
            Map<String, RibEntry> routes = byPrefix(readAll(reader));
            assertThat(routes).containsOnlyKeys("10.11.0.0/16", "10.12.0.0/16", "10.13.128.0/17", "192.0.2.0/24");
            RibEntry first = routes.get("10.11.0.0/16");
            assertThat(first.peer().address()).isEqualTo(InetAddress.getByName("127.0.0.2"));
            assertThat(first.peer().asNumber()).isEqualTo(65001);
            assertThat(first.problems()).isEmpty();
            PathAttributes attributes = first.attributes();
            assertThat(attributes.origin()).contains(Origin.IGP);
            assertThat(attributes.asPath()).contains(AsPath.sequence(65001));
            assertThat(attributes.nextHop()).contains((Inet4Address) InetAddress.getByName("127.0.0.2"));
            assertThat(attributes.communities()).containsExactly(Community.of(65000, 101));
            assertThat(routes.get("10.12.0.0/16").attributes().largeCommunities()).containsExactly(new LargeCommunity(65000, 1, 102));
            assertThat(routes.get("10.13.128.0/17").attributes().communities())
                    .containsExactly(Community.of(65000, 103), Community.of(65000, 999));
            assertThat(routes.get("10.13.128.0/17").attributes().largeCommunities())
                    .containsExactly(new LargeCommunity(4_200_000_001L, 7, 8));
            assertThat(routes.get("192.0.2.0/24").attributes().originAs()).hasValue(4_200_000_002L);
            MrtStats stats = reader.stats();
            assertThat(stats.peerIndexTables()).isEqualTo(1);
            assertThat(stats.ribRecords()).isEqualTo(4);
            assertThat(stats.entries()).isEqualTo(4);
            assertThat(stats.records()).isEqualTo(5);
            assertThat(stats.totalSkipped()).isZero();
        }
    }

    @Test
    void readsBirdsIpv6DumpWithTheAbbreviatedMpReach() throws IOException {
        try (MrtReader reader = MrtReader.open(FIXTURES.resolve("bird-master6.mrt"))) {
            Map<String, RibEntry> routes = byPrefix(readAll(reader));
            assertThat(routes).containsOnlyKeys("2001:db8:11::/48", "2001:db8:12::/48");
            assertThat(routes.get("2001:db8:11::/48").attributes().mpNextHop()).containsExactly(InetAddress.getByName("2001:db8::2"));
            assertThat(routes.get("2001:db8:11::/48").attributes().communities()).containsExactly(Community.of(65000, 101));
            assertThat(routes.get("2001:db8:12::/48").attributes().largeCommunities()).containsExactly(new LargeCommunity(65000, 1, 102));
            assertThat(reader.stats().totalSkipped()).isZero();
        }
    }

    @Test
    void readsGzip() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(FIXTURES.resolve("bird-master4.mrt")));
        }
        try (MrtReader reader = new MrtReader(new ByteArrayInputStream(gz.toByteArray()))) {
            assertThat(readAll(reader)).hasSize(4);
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() - 30);
        try (MrtReader reader = new MrtReader(new ByteArrayInputStream(cut))) {
            readAll(reader);
            assertThat(reader.stats().skipped(Skip.TRUNCATED)).isEqualTo(1);
        }
    }

    private static byte[] attributes(long as, Community community) {
        return MrtWriter.ribAttributes(PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(as))
                .communities(List.of(community)).build());
    }

    @Test
    void damagedRecordsAndEntriesAreSkippedAndCounted() throws IOException {
        byte[] good = attributes(65001, Community.of(65000, 1));
        byte[] badCommunities = MrtWriter.hex("400101 00 c00803 fde800");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        MrtWriter writer = new MrtWriter(file);
        writer.rib(0, PrefixKey.parse("10.0.0.0/8"), List.of(new Entry(0, good)));                  // before any peer table
        writer.peerIndexTable(List.of(MrtWriter.peer("192.0.2.1", 65001), MrtWriter.peer("2001:db8::1", 4_200_000_001L)));
        writer.rib(1, PrefixKey.parse("10.1.0.0/16"), List.of(new Entry(0, good), new Entry(1, good), new Entry(7, good)));
        writer.rib(2, PrefixKey.parse("10.2.0.0/16"), List.of(new Entry(0, badCommunities), new Entry(1, good)));
        writer.record(11, 0, new byte[40]);                                                       // OSPFv2
        writer.record(13, 3, MrtWriter.ribBody(3, PrefixKey.parse("224.0.0.0/4"), List.of(new Entry(0, good)), false));
        byte[] badPrefix = MrtWriter.ribBody(4, PrefixKey.parse("10.4.0.0/16"), List.of(new Entry(0, good)), false);
        badPrefix[4] = 40;
        writer.record(13, 2, badPrefix);
        byte[] tooManyEntries = MrtWriter.ribBody(5, PrefixKey.parse("2001:db8:5::/48"), List.of(new Entry(1, good)), false);
        tooManyEntries[4 + 1 + 6 + 1] = 3;                                                         // entry count 1 -> 3
        writer.record(13, 4, tooManyEntries);
        writer.ribAddPath(6, PrefixKey.parse("10.6.0.0/16"), List.of(new Entry(0, 1, good), new Entry(0, 2, good)));
        byte[] bytes = file.toByteArray();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length + 20);                               // a header, then too little body
        System.arraycopy(MrtWriter.hex("6553f100 000d 0002 000000ff"), 0, truncated, bytes.length, 12);

        try (MrtReader reader = new MrtReader(new ByteArrayInputStream(truncated))) {
            List<RibEntry> entries = readAll(reader);
            assertThat(entries).extracting(e -> e.prefix().toString()).containsExactly(
                    "10.1.0.0/16", "10.1.0.0/16", "10.2.0.0/16", "2001:db8:5::/48", "10.6.0.0/16", "10.6.0.0/16");
            assertThat(entries.get(1).peer().asNumber()).isEqualTo(4_200_000_001L);
            assertThat(entries.get(4).pathId()).hasValue(1);
            assertThat(entries.get(5).pathId()).hasValue(2);
            MrtStats stats = reader.stats();
            assertThat(stats.skipped()).containsOnly(
                    Map.entry(Skip.UNKNOWN_PEER, 2L), Map.entry(Skip.MALFORMED_ATTRIBUTES, 1L), Map.entry(Skip.OTHER_TYPE, 1L),
                    Map.entry(Skip.OTHER_SUBTYPE, 1L), Map.entry(Skip.MALFORMED_RECORD, 2L), Map.entry(Skip.TRUNCATED, 1L));
            assertThat(stats.records()).isEqualTo(9);
            assertThat(stats.entries()).isEqualTo(6);
        }
    }

    private static List<MrtRoute> routes(byte[] file) throws IOException {
        List<MrtRoute> routes = new ArrayList<>();
        try (MrtReader reader = new MrtReader(new ByteArrayInputStream(file))) {
            for (Optional<MrtRoute> route = reader.next(); route.isPresent(); route = reader.next()) {
                routes.add(route.get());
            }
        }
        return routes;
    }

    private static PathAttributes path(long... asPath) throws IOException {
        return PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(asPath))
                .nextHop((Inet4Address) InetAddress.getByName("192.0.2.1")).build();
    }

    @Test
    void readsBgp4mpUpdatesInOrderAndIgnoresStateChangesAndOtherMessages() throws IOException {
        Peer v4 = MrtWriter.peer("192.0.2.1", 64500);
        Peer v6 = MrtWriter.peer("2001:db8::1", 4_200_000_001L);
        PathAttributes six = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(4_200_000_001L))
                .mpNextHop(List.of(InetAddress.getByName("2001:db8::1"))).build();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new MrtWriter(file)
                .record(16, 0, MrtWriter.hex("fbf4 fde8 0000 0001 c0000201 c00002fe 0001 0006"))        // STATE_CHANGE
                .bgp4mp(false, false, v4, Update.of(List.of(), List.of(PrefixKey.parse("10.1.0.0/16"), PrefixKey.parse("10.2.0.0/16")),
                        path(64500, 64501)))
                .bgp4mp(true, true, v6, Update.of(List.of(), List.of(PrefixKey.parse("2001:db8:1::/48")), six))
                .bgp4mp(false, true, v4, Update.of(List.of(PrefixKey.parse("10.1.0.0/16")), List.of(), PathAttributes.builder().build()))
                .record(16, 1, MrtWriter.hex("fbf4 fde8 0000 0001 c0000201 c00002fe ffffffffffffffffffffffffffffffff 0013 04"))
                .record(16, 9, new byte[30]);                                                          // MESSAGE_AS4_ADDPATH
        List<MrtRoute> routes = routes(file.toByteArray());
        assertThat(routes).extracting(r -> r.getClass().getSimpleName() + " " + r.prefix() + " " + r.peer().address().getHostAddress())
                .containsExactly("RibEntry 10.1.0.0/16 192.0.2.1", "RibEntry 10.2.0.0/16 192.0.2.1",
                        "RibEntry 2001:db8:1::/48 2001:db8:0:0:0:0:0:1", "Withdrawal 10.1.0.0/16 192.0.2.1");
        RibEntry first = (RibEntry) routes.getFirst();
        assertThat(first.attributes().asPath()).contains(AsPath.sequence(64500, 64501));
        assertThat(first.peer().asNumber()).isEqualTo(64500);
        assertThat(first.originatedTime()).isEqualTo(1_700_000_000L);
        assertThat(routes.get(2).peer().asNumber()).isEqualTo(4_200_000_001L);
        assertThat(((RibEntry) routes.get(2)).attributes().originAs()).hasValue(4_200_000_001L);
        try (MrtReader reader = new MrtReader(new ByteArrayInputStream(file.toByteArray()))) {
            while (reader.next().isPresent()) {
                continue;
            }
            MrtStats stats = reader.stats();
            assertThat(stats.skipped()).containsOnly(Map.entry(Skip.OTHER_SUBTYPE, 1L));
            assertThat(stats.kinds()).containsExactly(Map.entry("BGP4MP STATE_CHANGE", 1L), Map.entry("BGP4MP MESSAGE", 2L),
                    Map.entry("BGP4MP_ET MESSAGE_AS4", 1L), Map.entry("BGP4MP MESSAGE_AS4", 1L),
                    Map.entry("BGP4MP MESSAGE_AS4_ADDPATH", 1L));
            assertThat(stats.entries()).isEqualTo(4);
        }
    }

    @Test
    void aBgp4mpMessageASessionWouldRefuseIsSkipped() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new MrtWriter(file)
                .record(16, 1, MrtWriter.hex("fbf4 fde8 0000 0001 c0000201 c00002fe 00000000000000000000000000000000 0017 02 00000000"))
                .record(16, 1, MrtWriter.hex("fbf4 fde8 0000 0003 c0000201"));                        // AFI 3
        try (MrtReader reader = new MrtReader(new ByteArrayInputStream(file.toByteArray()))) {
            assertThat(reader.next()).isEmpty();
            assertThat(reader.stats().skipped()).containsOnly(Map.entry(Skip.MALFORMED_MESSAGE, 1L), Map.entry(Skip.MALFORMED_RECORD, 1L));
        }
    }

    @Test
    void readsTableDumpVersion1WithTwoOctetAsNumbers() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        PathAttributes six = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(64502))
                .mpNextHop(List.of(InetAddress.getByName("2001:db8::2"))).build();
        new MrtWriter(file)
                .tableDump(PrefixKey.parse("10.1.0.0/16"), MrtWriter.peer("192.0.2.1", 64500), path(64500, 64501))
                .tableDump(PrefixKey.parse("2001:db8:2::/48"), MrtWriter.peer("2001:db8::2", 64502), six)
                .record(12, 3, new byte[20]);
        List<MrtRoute> routes = routes(file.toByteArray());
        assertThat(routes).extracting(r -> r.prefix().toString()).containsExactly("10.1.0.0/16", "2001:db8:2::/48");
        RibEntry v4 = (RibEntry) routes.getFirst();
        assertThat(v4.attributes().asPath()).contains(AsPath.sequence(64500, 64501));
        assertThat(v4.peer().address()).isEqualTo(InetAddress.getByName("192.0.2.1"));
        assertThat(v4.originatedTime()).isEqualTo(1_600_000_000L);
        assertThat(((RibEntry) routes.get(1)).attributes().mpNextHop()).containsExactly(InetAddress.getByName("2001:db8::2"));
    }

    @Test
    void tellsCompressionByContentNotByName() throws IOException {
        byte[] bird = Files.readAllBytes(FIXTURES.resolve("bird-master4.mrt"));
        ByteArrayOutputStream bz = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bz)) {
            out.write(bird);
        }
        assertThat(routes(bz.toByteArray())).hasSize(4);
        try (MrtReader reader = new MrtReader(new ByteArrayInputStream(Arrays.copyOf(bz.toByteArray(), bz.size() / 2)))) {
            while (reader.next().isPresent()) {
                continue;
            }
            assertThat(reader.stats().skipped(Skip.TRUNCATED)).isEqualTo(1);
        }
        try (MrtReader reader = new MrtReader(new ByteArrayInputStream("this is text\n".getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(reader.next()).isEmpty();
            assertThat(reader.stats().skipped()).containsOnly(Map.entry(Skip.NOT_MRT, 1L));
            assertThat(reader.stats().records()).isZero();
        }
    }

    @Test
    void anAbsurdRecordLengthIsSkippedWithoutReadingIt() throws IOException {
        byte[] bird = Files.readAllBytes(FIXTURES.resolve("bird-master4.mrt"));
        byte[] file = Arrays.copyOf(bird, bird.length + 12 + 100);
        System.arraycopy(MrtWriter.hex("6553f100 000d 0002 7fffffff"), 0, file, bird.length, 12);
        try (MrtReader reader = new MrtReader(new ByteArrayInputStream(file))) {
            assertThat(readAll(reader)).hasSize(4);
            assertThat(reader.stats().skipped()).containsOnly(Map.entry(Skip.TRUNCATED, 1L));
        }
    }

    @Test
    void randomDamageIsNeverFatal() throws IOException {
        byte[] bird = Files.readAllBytes(FIXTURES.resolve("bird-master4.mrt"));
        SplittableRandom random = new SplittableRandom(6396);
        for (int i = 0; i < 5_000; i++) {
            byte[] damaged = bird.clone();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            InputStream in = new ByteArrayInputStream(damaged, 0, random.nextInt(damaged.length / 2, damaged.length + 1));
            try (MrtReader reader = new MrtReader(in)) {
                List<RibEntry> entries = readAll(reader);
                MrtStats stats = reader.stats();
                assertThat(stats.entries()).isEqualTo(entries.size());
                assertThat(stats.entries() + stats.totalSkipped()).isPositive();
            }
        }
    }

    @Test
    void randomDamageToUpdateFilesAndOldDumpsIsNeverFatal() throws IOException {
        byte[] updates;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FIXTURES.resolve("ris-updates.20020722.2238.gz")))) {
            updates = in.readAllBytes();
        }
        SplittableRandom random = new SplittableRandom(4271);
        for (byte[] original : List.of(updates, Files.readAllBytes(FIXTURES.resolve("openbgpd-rib-table.mrt")))) {
            for (int i = 0; i < 1_000; i++) {
                byte[] damaged = original.clone();
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                List<MrtRoute> routes = routes(Arrays.copyOf(damaged, random.nextInt(damaged.length / 2, damaged.length + 1)));
                assertThat(routes).allSatisfy(route -> assertThat(route.prefix().length()).isBetween(0, 128));
            }
        }
    }
}
