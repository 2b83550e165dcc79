package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.network.NetworkFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static List<IpPrefix> prefixes(NetworkMap map, String pid) {
        return map.prefixes(map.indexOf(pid).orElseThrow(), AddressFamily.IPV4);
    }

    private static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("net-" + Integer.toHexString(yaml.hashCode()) + ".yaml"), yaml);
    }

    private static void copy(String fixture, Path dir) throws IOException {
        try (InputStream in = MrtImportTest.class.getResourceAsStream("/mrt/" + fixture)) {
            Files.copy(in, dir.resolve(fixture));
        }
    }
}
