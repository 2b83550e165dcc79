package io.altokit.app;

import io.altokit.app.config.ConfigException;
import io.altokit.app.config.YamlFile;
import io.altokit.provision.bgp.BgpConfig;
import io.altokit.provision.bgp.PidRule;
import io.altokit.provision.bgp.PidRules;
import io.altokit.provision.bgp.Routes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BgpSettingsTest {
    private static final String CONTRACT = """
            bgp:
              listen: "127.0.0.1:1179"
              local-as: 65000
              peers: [ { address: 127.0.0.1, remote-as: 65001 } ]
              rules:                      # first match wins
                - { community: "65000:101", pid: area-01 }
                - { large-community: "65000:1:102", pid: area-02 }
                - { origin-as: 64512, pid: peering }
              default-pid: external
            """;

    @Test
    void readsTheIssueContract() throws Exception {
        BgpConfig config = read(CONTRACT);
        assertThat(config.listen().getPort()).isEqualTo(1179);
        assertThat(config.localAs()).isEqualTo(65000);
        assertThat(config.routerId().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(config.holdTimeSeconds()).isEqualTo(90);
        assertThat(config.gracePeriod()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.peers()).containsExactly(new BgpConfig.Peer(InetAddress.getByName("127.0.0.1"), 65001));
        PidRules rules = config.rules();
        assertThat(rules.pidFor(Routes.community(65000, 101))).isEqualTo("area-01");
        assertThat(rules.pidFor(Routes.largeCommunity(65000, 1, 102))).isEqualTo("area-02");
        assertThat(rules.pidFor(Routes.originAs(64512))).isEqualTo("peering");
        assertThat(rules.pidFor(Routes.community(65000, 102))).isEqualTo("external");
        assertThat(rules.pidFor(Routes.none())).isEqualTo("external");
        assertThat(rules.pids()).containsExactly("area-01", "area-02", "peering", "external");
    }

    @Test
    void firstMatchingRuleWins() throws Exception {
        BgpConfig config = read("""
                bgp:
                  listen: "[::1]:1179"
                  router-id: 192.0.2.1
                  local-as: 4200000000
                  peers: [ { address: "::1", remote-as: 65001 } ]
                  rules:
                    - { next-hop: "192.0.2.0/24", pid: transit }
                    - { origin-as: 64512, pid: peering }
                """);
        Routes both = new Routes(java.util.Set.of(), java.util.List.of(), java.util.OptionalLong.of(64512),
                java.util.Optional.of(InetAddress.getByName("192.0.2.9")));
        assertThat(config.rules().pidFor(both)).isEqualTo("transit");
        assertThat(config.rules().pidFor(Routes.originAs(64512))).isEqualTo("peering");
        assertThat(config.rules().defaultPid()).as("the file's default PID").isEqualTo("default");
        assertThat(config.localAs()).isEqualTo(4_200_000_000L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "listen: '127.0.0.1'                                   | bgp.listen: expected ADDRESS:PORT",
            "listen: 'localhost:1179'                              | bgp.listen: not an IP address",
            "listen: '127.0.0.1:99999'                             | bgp.listen: port",
            "local-as: 0                                           | bgp.local-as: expected an AS number from 1 to 4294967295",
            "local-as: 4294967296                                  | bgp.local-as: expected an AS number",
            "hold-time: 2                                          | bgp.hold-time: must be 0",
            "peers: []                                             | bgp.peers: expected a non-empty list",
            "peers: [ { address: 127.0.0.1 } ]                     | bgp.peers[0].remote-as: missing",
            "peers: [ { address: 127.0.0.9, remote-as: 1 }, { address: 127.0.0.9, remote-as: 2 } ] | bgp.peers[1].address: 127.0.0.9 is listed twice",
            "rules: [ { community: '65000:70000', pid: a } ]      | bgp.rules[0].community: expected 2 colon-separated numbers from 0 to 65535",
            "rules: [ { community: '65000:1:2', pid: a } ]        | bgp.rules[0].community: expected 2",
            "rules: [ { large-community: '1:2', pid: a } ]        | bgp.rules[0].large-community: expected 3",
            "rules: [ { community: '1:2', pid: 'a b' } ]          | bgp.rules[0].pid: invalid PID name",
            "rules: [ { community: '1:2', origin-as: 3, pid: a } ] | bgp.rules[0]: expected exactly one of",
            "rules: [ { color: red, pid: a } ]                     | bgp.rules[0].color: unknown setting (known: community, large-community, next-hop, origin-as, per, pid)",
            "rules: [ { comunity: '1:2', pid: a } ]               | bgp.rules[0].comunity: unknown setting (known: community, large-community, next-hop, origin-as, per, pid); did you mean 'community'?",
            "grace-period: 120                                     | bgp.grace-period: expected a duration such as 500ms, 5s, 2m, 1h, 1d or PT5S; a bare number has no unit: write 120s for seconds",
            "grace-period: 2d                                      | bgp.grace-period: must be at most 1d",
            "debounce: 11s                                         | bgp.debounce: must be at most 10s",
            "debounce-ms: 250                                      | bgp.debounce-ms: 'debounce-ms' was renamed: write debounce: 250ms",
            "rules: [ { next-hop: '10.0.0.1/8', pid: a } ]        | bgp.rules[0].next-hop: invalid IP prefix",
            "rules: [ { per: neighbour-as, pid-prefix: as } ]     | bgp.rules[0].per: expected one of community, neighbor-as, next-hop, origin-as, got \"neighbour-as\"; did you mean 'neighbor-as'?",
            "rules: [ { per: community, pid-prefix: pop- } ]      | bgp.rules[0].asn: missing: per community needs the AS of the communities",
            "rules: [ { per: next-hop, asn: 1, pid-prefix: i } ]  | bgp.rules[0].asn: only per community takes an asn",
            "rules: [ { per: next-hop, pid-prefix: 'in gress' } ] | bgp.rules[0].pid-prefix: \"in gress\" followed by a value must make a valid PID name",
            "rules: [ { per: next-hop, pid: x, pid-prefix: i } ]  | bgp.rules[0].pid: unknown setting (known: asn, per, pid-prefix)",
            "colour: blue                                          | bgp.colour: unknown setting"})
    void namesTheFileAndEntryOfEachMistake(String override, String message) {
        assertThatThrownBy(() -> read(replace(override)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("net.yaml: " + message);
    }

    /** The contract with one top-level bgp setting replaced (or added). */
    private static String replace(String override) {
        String key = override.substring(0, override.indexOf(':'));
        StringBuilder yaml = new StringBuilder("bgp:\n");
        boolean replaced = false;
        for (String line : new String[] {"listen: \"127.0.0.1:1179\"", "local-as: 65000",
                "peers: [ { address: 127.0.0.1, remote-as: 65001 } ]", "rules: []"}) {
            boolean same = line.startsWith(key + ":");
            yaml.append("  ").append(same ? override : line).append('\n');
            replaced |= same;
        }
        if (!replaced) {
            yaml.append("  ").append(override).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void perValueRulesMakeAPidPerValue() {
        BgpConfig config = read(replace("""
                rules: [ { community: '65000:101', pid: area-01 }, { per: community, asn: 65001, pid-prefix: pop- }, \
                { per: next-hop, pid-prefix: ingress- }, { per: neighbor-as, pid-prefix: as }, { per: origin-as, pid-prefix: o } ]"""));
        assertThat(config.rules().rules()).containsExactly(new PidRule.Community(65000, 101, "area-01"),
                new PidRule.PerCommunity(65001, "pop-"), new PidRule.PerNextHop("ingress-"),
                new PidRule.PerNeighborAs("as"), new PidRule.PerOriginAs("o"));
        assertThat(config.rules().pidFor(Routes.community(65001, 9))).isEqualTo("pop-9");
        assertThat(config.rules().pidFor(Routes.nextHop("192.0.2.1"))).isEqualTo("ingress-192.0.2.1");
        assertThat(config.rules().pids()).containsExactly("area-01", "default");
    }

    @Test
    void durationsTakeTheOneFormat() throws Exception {
        BgpConfig config = read(replace("grace-period: 90s") .replace("rules: []", "rules: []\n  debounce: 500ms"));
        assertThat(config.gracePeriod()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.debounce()).isEqualTo(Duration.ofMillis(500));
    }

    private static BgpConfig read(String yaml) {
        var root = YamlFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), Path.of("net.yaml"));
        return BgpSettings.read(root.required("bgp"), "default");
    }
}
