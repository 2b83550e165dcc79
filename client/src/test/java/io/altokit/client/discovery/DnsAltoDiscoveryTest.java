package io.altokit.client.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altokit.client.discovery.Attempt.Outcome;
import io.altokit.client.discovery.DiscoveryResult.Found;
import io.altokit.client.discovery.DiscoveryResult.NotFound;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 7286 / RFC 8686 discovery against a real dnsmasq on loopback serving U-NAPTR records. */
class DnsAltoDiscoveryTest {
    /** 2001:db8:1::/48 */
    static final String V6_48 = "1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa";
    /** 2001:db8:2:3::/64 */
    static final String V6_64 = "3.0.0.0.2.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa";

    static final List<String> RECORDS = List.of(
            // RFC 7286: the domain's records; an unrelated service at a lower order must not shadow ALTO ones
            "--naptr-record=example.net,5,10,u,SIP+D2U,!.*!sip:sip.example.net!",
            "--naptr-record=example.net,10,50,u,ALTO:http,!.*!http://alto-http.example.net/ird!",
            "--naptr-record=example.net,10,20,u,ALTO:https,!.*!https://alto.example.net/ird!",
            "--naptr-record=example.net,20,10,u,ALTO:https,!.*!https://backup.example.net/ird!",
            // non-terminal: continue at example.net
            "--naptr-record=alias.example.org,100,10,,ALTO:https,,example.net",
            "--naptr-record=loop.example.org,100,10,,ALTO:https,,loop.example.org",
            // only records that must be ignored: unrelated service, and a downgrade (ALTO:https with http URI)
            "--naptr-record=other.example.net,10,10,u,SIP+D2T,!.*!sip:other.example.net!",
            "--naptr-record=downgrade.example.net,10,10,u,ALTO:https,!.*!http://downgrade.example.net/ird!",
            "--txt-record=plain.example.net,no NAPTR here",
            // RFC 8686: an exact /32, a /24 and a /16 (IPv4), a /48 and a /64 (IPv6)
            "--naptr-record=10.2.0.192.in-addr.arpa,10,10,u,ALTO:https,!.*!https://host10.example.net/ird!",
            "--naptr-record=2.0.192.in-addr.arpa,10,10,u,ALTO:https,!.*!https://net24.example.net/ird!",
            "--naptr-record=51.198.in-addr.arpa,10,10,u,ALTO:https,!.*!https://net16.example.net/ird!",
            "--naptr-record=" + V6_48 + ",10,10,u,ALTO:https,!.*!https://net48.example.net/ird!",
            "--naptr-record=" + V6_48 + ",10,20,u,ALTO:http,!.*!http://net48.example.net/ird!",
            "--naptr-record=" + V6_64 + ",10,10,u,ALTO:https,!.*!https://net64.example.net/ird!",
            // names dnsmasq answers itself (NXDOMAIN for unknown names); anything else is REFUSED
            "--local=/example.net/", "--local=/example.org/", "--local=/in-addr.arpa/", "--local=/ip6.arpa/");

    @TempDir static Path dir;
    static Dnsmasq dns;
    static DnsAltoDiscovery discovery;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dns = Dnsmasq.start(dir, RECORDS, "example.net.");
        discovery = AltoDiscovery.dns().server(dns.address())
                .timeout(Duration.ofSeconds(2)).totalTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopDnsmasq() throws Exception {
        if (dns != null) dns.close();
    }

    private static Found found(DiscoveryResult r) {
        assertThat(r).as(() -> r instanceof NotFound nf ? nf.reason() + "\n" + dns.log() : "").isInstanceOf(Found.class);
        return (Found) r;
    }

    private static NotFound notFound(DiscoveryResult r) {
        assertThat(r).isInstanceOf(NotFound.class);
        return (NotFound) r;
    }

    private static List<String> names(DiscoveryResult r) {
        return r.attempts().stream().map(Attempt::name).toList();
    }

    private static List<Outcome> outcomes(DiscoveryResult r) {
        return r.attempts().stream().map(Attempt::outcome).toList();
    }

    // ---- RFC 7286: domain name ----

    @Test
    void domainRecordsComeInOrderAndPreferenceUnrelatedServicesIgnored() {
        Found f = found(discovery.forDomain("example.net"));
        assertThat(f.uris()).containsExactly(URI.create("https://alto.example.net/ird"), URI.create("http://alto-http.example.net/ird"));
        assertThat(f.allUris()).containsExactly(URI.create("https://alto.example.net/ird"),
                URI.create("http://alto-http.example.net/ird"), URI.create("https://backup.example.net/ird"));
        assertThat(f.first()).contains(URI.create("https://alto.example.net/ird"));
        assertThat(f.candidates()).extracting(Candidate::service).containsExactly("ALTO:https", "ALTO:http", "ALTO:https");
        assertThat(f.candidates().get(0)).isEqualTo(new Candidate(URI.create("https://alto.example.net/ird"), "ALTO:https", 10, 20, "example.net."));
        assertThat(outcomes(f)).containsExactly(Outcome.FOUND);
        assertThat(f.attempts().get(0).detail()).contains("4 NAPTR, 3 for");
    }

    @Test
    void httpsOnlyClientIgnoresPlainHttpServers() {
        DnsAltoDiscovery httpsOnly = AltoDiscovery.dns().server(dns.address()).services("ALTO:https").build();
        assertThat(found(httpsOnly.forDomain("example.net.")).allUris())
                .containsExactly(URI.create("https://alto.example.net/ird"), URI.create("https://backup.example.net/ird"));
    }

    @Test
    void nonTerminalRecordIsFollowedAndLoopsEnd() {
        Found f = found(discovery.forDomain("alias.example.org"));
        assertThat(f.first()).contains(URI.create("https://alto.example.net/ird"));
        assertThat(names(f)).containsExactly("alias.example.org.", "example.net.");

        NotFound loop = notFound(discovery.forDomain("loop.example.org"));
        assertThat(outcomes(loop)).containsExactly(Outcome.NO_ALTO_RECORD, Outcome.LOOP);
        assertThat(loop.failed()).isTrue();
    }

    @Test
    void notFoundSaysWhy() {
        NotFound nx = notFound(discovery.forDomain("nothere.example.net"));
        assertThat(outcomes(nx)).containsExactly(Outcome.NXDOMAIN);
        assertThat(nx.failed()).isFalse();
        assertThat(nx.first()).isEmpty();
        assertThat(nx.reason()).startsWith("nothere.example.net.: NXDOMAIN");

        assertThat(outcomes(discovery.forDomain("plain.example.net"))).containsExactly(Outcome.NO_NAPTR);
        assertThat(outcomes(discovery.forDomain("other.example.net"))).containsExactly(Outcome.NO_ALTO_RECORD);
        NotFound downgrade = notFound(discovery.forDomain("downgrade.example.net"));
        assertThat(outcomes(downgrade)).containsExactly(Outcome.NO_ALTO_RECORD);
        assertThat(downgrade.attempts().get(0).detail()).contains("unusable regexp");
    }

    @Test
    void errorRcodeIsReportedNotThrown() {
        NotFound refused = notFound(discovery.forDomain("elsewhere.example.com"));
        assertThat(refused.attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.DNS_ERROR);
            assertThat(a.detail()).isEqualTo("REFUSED");
        });
        assertThat(refused.failed()).isTrue();
    }

    // ---- RFC 8686: reverse names, walking up ----

    @Test
    void ipv4ExactAddressRecordWins() throws Exception {
        Found f = found(discovery.forAddress(InetAddress.getByName("192.0.2.10")));
        assertThat(f.uris()).containsExactly(URI.create("https://host10.example.net/ird"));
        assertThat(names(f)).containsExactly("10.2.0.192.in-addr.arpa.");
    }

    @Test
    void ipv4WalksUpToThe24AndThe16() throws Exception {
        Found f24 = found(discovery.forAddress(InetAddress.getByName("192.0.2.77")));
        assertThat(f24.uris()).containsExactly(URI.create("https://net24.example.net/ird"));
        assertThat(names(f24)).containsExactly("77.2.0.192.in-addr.arpa.", "2.0.192.in-addr.arpa.");
        assertThat(outcomes(f24)).containsExactly(Outcome.NXDOMAIN, Outcome.FOUND);

        Found f16 = found(discovery.forAddress(InetAddress.getByName("198.51.100.5")));
        assertThat(f16.uris()).containsExactly(URI.create("https://net16.example.net/ird"));
        assertThat(names(f16)).containsExactly("5.100.51.198.in-addr.arpa.", "100.51.198.in-addr.arpa.", "51.198.in-addr.arpa.");
    }

    @Test
    void ipv4NothingPublishedTriesEveryStep() throws Exception {
        NotFound nf = notFound(discovery.forAddress(InetAddress.getByName("203.0.113.9")));
        assertThat(names(nf)).containsExactly("9.113.0.203.in-addr.arpa.", "113.0.203.in-addr.arpa.", "0.203.in-addr.arpa.", "203.in-addr.arpa.");
        assertThat(outcomes(nf)).containsOnly(Outcome.NXDOMAIN);
        assertThat(nf.failed()).isFalse();
    }

    @Test
    void ipv6WalksUpTo64_56_48() throws Exception {
        Found f = found(discovery.forAddress(InetAddress.getByName("2001:db8:1:2::5")));
        assertThat(f.uris()).containsExactly(URI.create("https://net48.example.net/ird"), URI.create("http://net48.example.net/ird"));
        assertThat(names(f)).hasSize(4).endsWith(V6_48 + ".");
        assertThat(names(f).get(0)).isEqualTo("5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.");
        assertThat(names(f).get(1)).isEqualTo("2.0.0.0." + V6_48 + ".");
        assertThat(names(f).get(2)).isEqualTo("0.0." + V6_48 + ".");

        Found f64 = found(discovery.forAddress(InetAddress.getByName("2001:db8:2:3::1")));
        assertThat(f64.uris()).containsExactly(URI.create("https://net64.example.net/ird"));
        assertThat(names(f64)).hasSize(2).endsWith(V6_64 + ".");
    }

    @Test
    void prefixLookupStartsAtThePrefix() throws Exception {
        Found f = found(discovery.forPrefix(InetAddress.getByName("2001:db8:1:2::"), 56));
        assertThat(names(f)).containsExactly("0.0." + V6_48 + ".", V6_48 + ".");
        Found v4 = found(discovery.forPrefix(InetAddress.getByName("192.0.2.0"), 26));
        assertThat(names(v4)).containsExactly("2.0.192.in-addr.arpa.");
        assertThatThrownBy(() -> discovery.forPrefix(InetAddress.getByName("192.0.2.0"), 33))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- explicit configuration ----

    @Test
    void explicitUriOverridesDiscovery() throws Exception {
        URI configured = URI.create("https://configured.example/ird");
        AltoDiscovery d = AltoDiscovery.explicitOr(Optional.of(configured), discovery);
        assertThat(found(d.forDomain("example.net")).uris()).containsExactly(configured);
        assertThat(found(d.forAddress(InetAddress.getByName("192.0.2.10"))).uris()).containsExactly(configured);
        assertThat(AltoDiscovery.explicitOr(Optional.empty(), discovery)).isSameAs(discovery);
    }

    // ---- server down ----

    @Test
    void silentServerTimesOutWithinTheBudget() throws Exception {
        try (DatagramSocket blackHole = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            DnsAltoDiscovery d = AltoDiscovery.dns().server((InetSocketAddress) blackHole.getLocalSocketAddress())
                    .timeout(Duration.ofMillis(300)).totalTimeout(Duration.ofSeconds(2)).build();
            long t0 = System.nanoTime();
            NotFound domain = notFound(d.forDomain("example.net"));
            NotFound addr = notFound(d.forAddress(InetAddress.getByName("192.0.2.77")));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(outcomes(domain)).containsExactly(Outcome.TIMEOUT);
            assertThat(outcomes(addr)).containsExactly(Outcome.TIMEOUT, Outcome.NOT_TRIED, Outcome.NOT_TRIED, Outcome.NOT_TRIED);
            assertThat(addr.failed()).isTrue();
            assertThat(took).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void stoppedServerIsReportedQuickly() throws Exception {
        InetSocketAddress nobody;
        try (Dnsmasq stopped = Dnsmasq.start(dir, List.of("--local=/example.net/"), "example.net.")) {
            nobody = stopped.address();
        }
        DnsAltoDiscovery d = AltoDiscovery.dns().server(nobody)
                .timeout(Duration.ofMillis(500)).totalTimeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        NotFound nf = notFound(d.forAddress(InetAddress.getByName("2001:db8:1:2::5")));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(nf.attempts().get(0).outcome()).isIn(Outcome.NETWORK_ERROR, Outcome.TIMEOUT);
        assertThat(nf.attempts()).hasSize(5);
        assertThat(nf.failed()).isTrue();
    }
}
