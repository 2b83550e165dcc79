package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.PrefixKey;
import io.altokit.provision.ProvisioningException;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Provisioning from the MRT dumps BIRD 2 wrote (src/test/resources/mrt, see its README). */
class MrtImportTest {

    @Test
    void assignsDumpedPrefixesByTheRules(@TempDir Path dir) throws IOException {
        copy("bird-master4.mrt", dir);
        Path file = write(dir, """
                default-pid: external
                network-map:
                  area-01: { ipv4: [10.1.0.0/16, 10.12.0.0/16] }
                mrt:
                  file: bird-master4.mrt
                  rules:
                    - { community: "65000:101", pid: area-01 }
                    - { large-community: "65000:1:102", pid: area-02 }
                    - { origin-as: 4200000002, pid: peering }
                """);
        NetworkMap map = NetworkFile.load(file).networkMap();
        assertThat(prefixes(map, "area-01")).containsExactly(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("10.11.0.0/16"),
                IpPrefix.parse("10.12.0.0/16"));
        assertThat(prefixes(map, "area-02")).as("10.12/16 is listed by the file itself, which wins").isEmpty();
        assertThat(prefixes(map, "peering")).containsExactly(IpPrefix.parse("192.0.2.0/24"));
        assertThat(prefixes(map, "external")).contains(IpPrefix.parse("10.13.128.0/17"));
        assertThat(NetworkFile.dependencies(NetworkFile.readTree(file), file)).contains(dir.resolve("bird-master4.mrt"));
    }

    @Test
    void readsIpv6DumpsAndFiltersByPeer(@TempDir Path dir) throws IOException {
        copy("bird-master6.mrt", dir);
        Path file = write(dir, """
                mrt:
                  file: bird-master6.mrt
                  peer: 127.0.0.2
                  rules: [ { community: "65000:101", pid: area-01 } ]
                """);
        NetworkMap map = NetworkFile.load(file).networkMap();
        assertThat(map.prefixes(map.indexOf("area-01").orElseThrow(), AddressFamily.IPV6))
                .contains(IpPrefix.parse("2001:db8:11::/48"));
        Path other = write(dir, """
                mrt: { file: bird-master6.mrt, peer: 192.0.2.99, rules: [ { community: "65000:101", pid: area-01 } ] }
                """);
        assertThatThrownBy(() -> NetworkFile.load(other)).as("no entry from that peer")
                .isInstanceOf(ProvisioningException.class)
                .hasMessage(other + ": mrt.peer: 192.0.2.99 has no routes in " + dir.resolve("bird-master6.mrt")
                        + "; it has routes from 127.0.0.2");
    }

    @Test
    void namesTheMistakes(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> NetworkFile.load(write(dir, "mrt: { file: missing.mrt }\n")))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("mrt.file").hasMessageContaining("no such file");
        assertThatThrownBy(() -> NetworkFile.load(write(dir, "mrt: { file: x.mrt, color: red }\n")))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("mrt.color: unknown setting");
        assertThatThrownBy(() -> NetworkFile.load(write(dir, "mrt: { file: x.mrt, rules: [ { community: '1:2:3', pid: a } ] }\n")))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("mrt.rules[0].community");
        Files.writeString(dir.resolve("garbage.mrt"), "this is not an MRT file, just text that goes on for a while\n");
        Path garbage = write(dir, "mrt: { file: garbage.mrt }\n");
        assertThatThrownBy(() -> NetworkFile.load(garbage)).isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith(garbage + ": mrt.file: " + dir.resolve("garbage.mrt") + ": not an MRT file");
    }

    @Test
    void aFileThatCannotBeUsedStopsTheLoadSayingWhatItHolds(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("text.gz"), "a text file, whatever its name says\n");
        assertThatThrownBy(() -> NetworkFile.load(write(dir, "mrt: { file: text.gz }\n")))
                .isInstanceOf(ProvisioningException.class).hasMessageEndingWith(dir.resolve("text.gz") + ": not an MRT file "
                        + "(it does not start with the header of an MRT record; TABLE_DUMP, TABLE_DUMP_V2 and BGP4MP files load, "
                        + "plain, gzip or bzip2)");

        byte[] updates = fixture("ris-updates.20020722.2238.gz");
        Files.write(dir.resolve("cut.gz"), Arrays.copyOf(updates, 6000));
        assertThatThrownBy(() -> NetworkFile.load(write(dir, "mrt: { file: cut.gz }\n")))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageMatching(".*cut\\.gz: truncated or damaged after [0-9,]+ complete records "
                        + "\\(BGP4MP MESSAGE \\([0-9,]+\\), BGP4MP STATE_CHANGE \\([0-9,]+\\)\\)");

        ByteArrayOutputStream states = new ByteArrayOutputStream();
        MrtWriter writer = new MrtWriter(states);
        for (int i = 0; i < 1234; i++) {
            writer.record(16, 0, MrtWriter.hex("fde9 fde8 0000 0001 c0000201 c0000202 0001 0002"));
        }
        Files.write(dir.resolve("states.mrt"), states.toByteArray());
        assertThatThrownBy(() -> NetworkFile.load(write(dir, "mrt: { file: states.mrt }\n")))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageEndingWith(dir.resolve("states.mrt") + ": 0 of 1,234 records usable: BGP4MP STATE_CHANGE only");

        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        writer = new MrtWriter(damaged);
        writer.record(16, 0, MrtWriter.hex("fde9 fde8 0000 0001 c0000201 c0000202 0001 0002"));
        writer.record(16, 1, MrtWriter.hex("fde9 fde8 0000 0001 c0000201 c0000202 0000"));
        writer.record(11, 0, new byte[8]);
        Files.write(dir.resolve("damaged.mrt"), damaged.toByteArray());
        assertThatThrownBy(() -> NetworkFile.load(write(dir, "mrt: { file: damaged.mrt }\n")))
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
        NetworkMap map = NetworkFile.load(write(dir, "mrt: { file: partly.mrt }\n")).networkMap();
        assertThat(prefixes(map, "default")).contains(IpPrefix.parse("10.7.0.0/16"));

        Files.write(dir.resolve("empty.mrt.gz"), new byte[0]);
        assertThatThrownBy(() -> NetworkFile.load(write(dir, "mrt: { file: empty.mrt.gz }\n")))
                .isInstanceOf(ProvisioningException.class).hasMessageEndingWith("empty.mrt.gz: the file is empty");
    }

    @Test
    void loadsUpdateFilesAndOldRibDumpsOfRealCollectors(@TempDir Path dir) throws IOException {
        copy("ris-updates.20020722.2238.gz", dir);
        copy("ris-bview.20020722.2337.cut.gz", dir);
        NetworkMap updates = NetworkFile.load(write(dir, "mrt: { file: ris-updates.20020722.2238.gz }\n")).networkMap();
        assertThat(updates.prefixes(updates.indexOf("default").orElseThrow(), AddressFamily.IPV4))
                .as("announced by 193.203.0.1 at 22:38:42 and not withdrawn").contains(IpPrefix.parse("200.31.197.0/24"))
                .as("withdrawn at 22:39:02").doesNotContain(IpPrefix.parse("61.11.64.0/19"));
        NetworkMap rib = NetworkFile.load(write(dir, """
                mrt:
                  file: ris-bview.20020722.2337.cut.gz
                  peer: 193.203.0.65
                  rules: [ { origin-as: 6735, pid: sdt } ]
                """)).networkMap();
        assertThat(prefixes(rib, "sdt")).as("TABLE_DUMP entry with AS path 1273 6735 6735 6735 6735 6735")
                .contains(IpPrefix.parse("62.68.0.0/19"));
        assertThat(prefixes(rib, "default")).as("another peer's route").doesNotContain(IpPrefix.parse("3.0.0.0/8"))
                .contains(IpPrefix.parse("62.48.64.0/19"));
    }

    private static List<IpPrefix> prefixes(NetworkMap map, String pid) {
        return map.prefixes(map.indexOf(pid).orElseThrow(), AddressFamily.IPV4);
    }

    private static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("net-" + Integer.toHexString(yaml.hashCode()) + ".yaml"), yaml);
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
