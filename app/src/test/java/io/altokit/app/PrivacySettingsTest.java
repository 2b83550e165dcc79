package io.altokit.app;

import java.nio.file.Path;
import io.altokit.app.config.YamlFile;
import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.network.NetworkFile;
import io.altokit.server.privacy.CostDisclosure;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.Caller;
import io.altokit.server.protection.PrivacyPolicies;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivacySettingsTest {
    private static final Caller ANONYMOUS = Caller.anonymous(InetAddress.getLoopbackAddress());

    @Test
    void theIssuesContractMakesEveryClientOrdinalOnly() {
        PrivacySettings settings = read("privacy: { mode: ordinal-only }");

        assertThat(settings.policies().policyFor(ANONYMOUS))
                .isEqualTo(new PrivacyPolicy(new CostDisclosure.OrdinalOnly(), true, false));
        assertThat(settings.policies().policyFor(ANONYMOUS.named("app1"))).isEqualTo(settings.policies().defaultPolicy());
        assertThat(settings.budget()).isEmpty();
    }

    @Test
    void clientsOverrideOnlyWhatTheySet() {
        PrivacySettings settings = read("""
                privacy:
                  mode: quantised
                  levels: 4
                  endpoint-cost: false
                  aggregate-prefixes: true
                  endpoint-budget: { distinct-endpoints: 1000, window: 1h }
                  clients:
                    app1: { mode: numerical }
                    app2: { endpoint-cost: true }
                """);

        PrivacyPolicies policies = settings.policies();
        assertThat(policies.defaultPolicy()).isEqualTo(new PrivacyPolicy(new CostDisclosure.Quantised(4), false, true));
        assertThat(policies.policyFor(ANONYMOUS.named("app1")))
                .isEqualTo(new PrivacyPolicy(new CostDisclosure.Full(), false, true));
        assertThat(policies.policyFor(ANONYMOUS.named("app2")))
                .isEqualTo(new PrivacyPolicy(new CostDisclosure.Quantised(4), true, true));
        assertThat(policies.distinct()).hasSize(3);
        assertThat(settings.budget()).isPresent();
    }

    @Test
    void withoutASectionNothingChanges() {
        assertThat(read("server: { port: 0 }").policies()).isSameAs(PrivacyPolicies.none());
    }

    @Test
    void badValuesNameTheFileAndTheKey() {
        assertError("privacy: ordinal-only", "net.yaml: privacy: expected a mapping");
        assertError("privacy: { mode: secret }", "net.yaml: privacy.mode: unknown mode \"secret\"");
        assertError("privacy: { mode: quantised }", "net.yaml: privacy.levels: mode: quantised needs the number of levels");
        assertError("privacy: { mode: quantised, levels: 1 }", "net.yaml: privacy.levels: expected an integer 2..1000, got 1");
        assertError("privacy: { mode: ordinal-only, levels: 3 }", "net.yaml: privacy.levels: only goes with mode: quantised");
        assertError("privacy: { endpoint-cost: no-thanks }", "net.yaml: privacy.endpoint-cost: expected true or false");
        assertError("privacy: { ordinal: true }", "net.yaml: privacy.ordinal: unknown setting (known: aggregate-prefixes,");
        assertError("privacy: { clients: { app1: { endpoint-budget: {} } } }",
                "net.yaml: privacy.clients.app1.endpoint-budget: unknown setting");
        assertError("privacy: { endpoint-budget: { distinct-endpoints: 10 } }",
                "net.yaml: privacy.endpoint-budget: needs distinct-endpoints and window");
        assertError("privacy: { endpoint-budget: { distinct-endpoints: 0, window: 1h } }",
                "net.yaml: privacy.endpoint-budget.distinct-endpoints: expected an integer 1.., got 0");
        assertError("privacy: { endpoint-budget: { distinct-endpoints: 10, window: soon } }",
                "net.yaml: privacy.endpoint-budget.window: 'soon' is not a duration such as 500ms, 5s, 2m, 1h, 1d or PT5S");
        assertError("privacy: { endpoint-budget: { distinct-endpoints: 10, window: PT0.5S } }",
                "net.yaml: privacy.endpoint-budget.window: must be at least 1s");
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ProvisioningException.class).hasMessageStartingWith(message);
    }

    private static PrivacySettings read(String yaml) {
        return PrivacySettings.read(YamlFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                Path.of("net.yaml")));
    }
}
