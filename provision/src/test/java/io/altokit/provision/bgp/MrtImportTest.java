package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.PrefixKey;
import io.altokit.provision.ProvisioningException;
import io.altokit.core.Snapshot;
import io.altokit.provision.network.NetworkConfig;
import io.altokit.provision.network.NetworkFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.altokit.provision.bgp.message.AsPath;
import io.altokit.provision.bgp.message.Origin;
import io.altokit.provision.bgp.message.PathAttributes;
import io.altokit.provision.bgp.message.Update;
import io.altokit.provision.mrt.MrtWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Provisioning from the MRT dumps BIRD 2 wrote (src/test/resources/mrt, see its README). */
class MrtImportTest {

    @Test
    void assignsDumpedPrefixesByTheRules(@TempDir Path dir) throws IOException {
        copy("bird-master4.mrt", dir);
        MrtConfig mrt = new MrtConfig(dir.resolve("bird-master4.mrt"), Optional.empty(), new PidRules(List.of(
                new PidRule.Community(65000, 101, "area-01"), new PidRule.LargeCommunity(65000, 1, 102, "area-02"),
                new PidRule.OriginAs(4200000002L, "peering")), "external"));
        NetworkConfig network = new NetworkConfig(source(dir), Optional.of("external"),
                Map.of("area-01", List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("10.12.0.0/16"))), Map.of(),
                List.of(), List.of(), Optional.empty(), Optional.of(mrt));
        NetworkMap map = NetworkFile.build(network).networkMap();
        assertThat(prefixes(map, "area-01")).containsExactly(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("10.11.0.0/16"),
                IpPrefix.parse("10.12.0.0/16"));
        assertThat(prefixes(map, "area-02")).as("10.12/16 is listed by the file itself, which wins").isEmpty();
        assertThat(prefixes(map, "peering")).containsExactly(IpPrefix.parse("192.0.2.0/24"));
        assertThat(prefixes(map, "external")).contains(IpPrefix.parse("10.13.128.0/17"));
        assertThat(network.files()).contains(dir.resolve("bird-master4.mrt"));
    }

    @Test
    void readsIpv6DumpsAndFiltersByPeer(@TempDir Path dir) throws IOException {
        copy("bird-master6.mrt", dir);
        PidRules rules = new PidRules(List.of(new PidRule.Community(65000, 101, "area-01")), "default");
        NetworkMap map = load(dir, "bird-master6.mrt", Optional.of(InetAddress.getByName("127.0.0.2")), rules).networkMap();
        assertThat(map.prefixes(map.indexOf("area-01").orElseThrow(), AddressFamily.IPV6))
                .contains(IpPrefix.parse("2001:db8:11::/48"));
        InetAddress other = InetAddress.getByName("192.0.2.99");
        assertThatThrownBy(() -> load(dir, "bird-master6.mrt", Optional.of(other), rules)).as("no entry from that peer")
                .isInstanceOf(ProvisioningException.class)
                .hasMessage(source(dir) + ": mrt.peer: 192.0.2.99 has no routes in " + dir.resolve("bird-master6.mrt")
                        + "; it has routes from 127.0.0.2");
    }

    @Test
    void namesTheMistakes(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> load(dir, "missing.mrt"))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("mrt.file").hasMessageContaining("no such file");
        Files.writeString(dir.resolve("garbage.mrt"), "this is not an MRT file, just text that goes on for a while\n");
        assertThatThrownBy(() -> load(dir, "garbage.mrt")).isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith(source(dir) + ": mrt.file: " + dir.resolve("garbage.mrt") + ": not an MRT file");
    }

    @Test
    void aFileThatCannotBeUsedStopsTheLoadSayingWhatItHolds(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("text.gz"), "a text file, whatever its name says\n");
        assertThatThrownBy(() -> load(dir, "text.gz"))
                .isInstanceOf(ProvisioningException.class).hasMessageEndingWith(dir.resolve("text.gz") + ": not an MRT file "
                        + "(it does not start with the header of an MRT record; TABLE_DUMP, TABLE_DUMP_V2 and BGP4MP files load, "
                        + "plain, gzip or bzip2)");

        byte[] updates = fixture("ris-updates.20020722.2238.gz");
        Files.write(dir.resolve("cut.gz"), Arrays.copyOf(updates, 6000));
        assertThatThrownBy(() -> load(dir, "cut.gz"))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageMatching(".*cut\\.gz: truncated or damaged after [0-9,]+ complete records "
                        + "\\(BGP4MP MESSAGE \\([0-9,]+\\), BGP4MP STATE_CHANGE \\([0-9,]+\\)\\)");

        ByteArrayOutputStream states = new ByteArrayOutputStream();
        MrtWriter writer = new MrtWriter(states);
        for (int i = 0; i < 1234; i++) {
            writer.record(16, 0, MrtWriter.hex("fde9 fde8 0000 0001 c0000201 c0000202 0001 0002"));
        }
        Files.write(dir.resolve("states.mrt"), states.toByteArray());
        assertThatThrownBy(() -> load(dir, "states.mrt"))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageEndingWith(dir.resolve("states.mrt") + ": 0 of 1,234 records usable: BGP4MP STATE_CHANGE only");

        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        writer = new MrtWriter(damaged);
        writer.record(16, 0, MrtWriter.hex("fde9 fde8 0000 0001 c0000201 c0000202 0001 0002"));
        writer.record(16, 1, MrtWriter.hex("fde9 fde8 0000 0001 c0000201 c0000202 0000"));
        writer.record(11, 0, new byte[8]);
        Files.write(dir.resolve("damaged.mrt"), damaged.toByteArray());
        assertThatThrownBy(() -> load(dir, "damaged.mrt"))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageEndingWith(dir.resolve("damaged.mrt") + ": 0 of 3 records usable: BGP4MP STATE_CHANGE (1), "
                        + "BGP4MP MESSAGE (1), OSPFv2 (1); skipped: 1 other type, 1 malformed message");
    }

    @Test
    void partlyDamagedFilesLoadWhatIsUsable(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        PathAttributes path = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(64500))
                .nextHop((Inet4Address) InetAddress.getByName("192.0.2.1")).build();
        new MrtWriter(file)
                .bgp4mp(false, true, MrtWriter.peer("192.0.2.1", 64500), Update.of(List.of(), List.of(PrefixKey.parse("10.7.0.0/16")), path))
                .record(16, 4, MrtWriter.hex("0000fbf4 0000fde8 0000 0001 c0000201 c00002fe 00"))
                .record(13, 6, new byte[12]);
        Files.write(dir.resolve("partly.mrt"), file.toByteArray());
        NetworkMap map = load(dir, "partly.mrt").networkMap();
        assertThat(prefixes(map, "default")).contains(IpPrefix.parse("10.7.0.0/16"));

        Files.write(dir.resolve("empty.mrt.gz"), new byte[0]);
        assertThatThrownBy(() -> load(dir, "empty.mrt.gz"))
                .isInstanceOf(ProvisioningException.class).hasMessageEndingWith("empty.mrt.gz: the file is empty");
    }

    @Test
    void loadsUpdateFilesAndOldRibDumpsOfRealCollectors(@TempDir Path dir) throws IOException {
        copy("ris-updates.20020722.2238.gz", dir);
        copy("ris-bview.20020722.2337.cut.gz", dir);
        NetworkMap updates = load(dir, "ris-updates.20020722.2238.gz").networkMap();
        assertThat(updates.prefixes(updates.indexOf("default").orElseThrow(), AddressFamily.IPV4))
                .as("announced by 193.203.0.1 at 22:38:42 and not withdrawn").contains(IpPrefix.parse("200.31.197.0/24"))
                .as("withdrawn at 22:39:02").doesNotContain(IpPrefix.parse("61.11.64.0/19"));
        NetworkMap rib = load(dir, "ris-bview.20020722.2337.cut.gz", Optional.of(InetAddress.getByName("193.203.0.65")),
                new PidRules(List.of(new PidRule.OriginAs(6735, "sdt")), "default")).networkMap();
        assertThat(prefixes(rib, "sdt")).as("TABLE_DUMP entry with AS path 1273 6735 6735 6735 6735 6735")
                .contains(IpPrefix.parse("62.68.0.0/19"));
        assertThat(prefixes(rib, "default")).as("another peer's route").doesNotContain(IpPrefix.parse("3.0.0.0/8"))
                .contains(IpPrefix.parse("62.48.64.0/19"));
    }

    @Test
    void aPerNeighbourAsRuleMakesOnePidPerAsTheRoutesCameThrough(@TempDir Path dir) throws IOException {
        copy("ris-bview.20020722.2337.cut.gz", dir);
        NetworkMap rib = load(dir, "ris-bview.20020722.2337.cut.gz", Optional.of(InetAddress.getByName("193.203.0.65")),
                new PidRules(List.of(new PidRule.PerNeighborAs("as")), "default")).networkMap();
        assertThat(prefixes(rib, "as1273")).as("AS path 1273 6735 6735 6735 6735 6735").contains(IpPrefix.parse("62.68.0.0/19"));
        assertThat(rib.pidNames()).as("an eBGP peer is the neighbour AS of all its routes").containsExactly("as1273", "default");
        NetworkMap all = load(dir, "ris-bview.20020722.2337.cut.gz", Optional.empty(),
                new PidRules(List.of(new PidRule.PerNeighborAs("as")), "default")).networkMap();
        assertThat(all.pidNames()).as("one PID per neighbour AS of the collector's peers").hasSizeGreaterThan(2)
                .allMatch(pid -> pid.equals("default") || pid.matches("as\\d+"));
    }

    private static List<IpPrefix> prefixes(NetworkMap map, String pid) {
        return map.prefixes(map.indexOf(pid).orElseThrow(), AddressFamily.IPV4);
    }

    /** What errors name as the configuration file. */
    private static String source(Path dir) {
        return dir.resolve("net.yaml").toString();
    }

    /** The network of an {@code mrt:} section naming only {@code file}. */
    private static Snapshot load(Path dir, String file) {
        return load(dir, file, Optional.empty(), new PidRules(List.of(), "default"));
    }

    private static Snapshot load(Path dir, String file, Optional<InetAddress> peer, PidRules rules) {
        return NetworkFile.build(new NetworkConfig(source(dir), Optional.empty(), Map.of(), Map.of(), List.of(), List.of(),
                Optional.empty(), Optional.of(new MrtConfig(dir.resolve(file), peer, rules))));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = MrtImportTest.class.getResourceAsStream("/mrt/" + name)) {
            return in.readAllBytes();
        }
    }

    private static void copy(String fixture, Path dir) throws IOException {
        try (InputStream in = MrtImportTest.class.getResourceAsStream("/mrt/" + fixture)) {
            Files.copy(in, dir.resolve(fixture));
        }
    }
}
