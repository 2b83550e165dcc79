package io.altokit.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseEncoderTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void errorCarriesFieldAndValue() {
        assertThat(text(ResponseEncoder.error(AltoError.invalidValue("cost-type/cost-mode", "foo"))))
                .isEqualTo("{\"meta\":{\"code\":\"E_INVALID_FIELD_VALUE\",\"field\":\"cost-type/cost-mode\",\"value\":\"foo\"}}");
    }

    @Test
    void integralCostsHaveNoFraction() {
        CostTable costs = new CostTable(List.of("a", "c", "e"), List.of("b", "d"),
                new double[] {3.0, Double.NaN, Double.NaN, 2.5, Double.NaN, Double.NaN});
        String json = text(ResponseEncoder.costMap(new CostMapResponse(List.of(new VersionTag("nm", "v1")),
                new CostType("routingcost", CostMode.NUMERICAL), costs)));
        assertThat(json).as("rows with no present cost are left out").isEqualTo("{\"meta\":{\"dependent-vtags\":[{\"resource-id\":\"nm\",\"tag\":\"v1\"}],"
                + "\"cost-type\":{\"cost-mode\":\"numerical\",\"cost-metric\":\"routingcost\"}},"
                + "\"cost-map\":{\"a\":{\"b\":3},\"c\":{\"d\":2.5}}}");
    }

    @Test
    void directoryLeavesOutEmptyParts() {
        Directory directory = new Directory(Map.of("num-hopcount", new CostType("hopcount", CostMode.NUMERICAL)),
                Optional.of("nm"), Map.of("nm", new Directory.Entry("/networkmap", MediaTypes.NETWORK_MAP,
                Optional.empty(), Directory.Capabilities.NONE, List.of())));
        assertThat(text(ResponseEncoder.directory(directory))).isEqualTo(
                "{\"meta\":{\"cost-types\":{\"num-hopcount\":{\"cost-mode\":\"numerical\",\"cost-metric\":\"hopcount\"}},"
                        + "\"default-alto-network-map\":\"nm\"},"
                        + "\"resources\":{\"nm\":{\"uri\":\"/networkmap\",\"media-type\":\"application/alto-networkmap+json\"}}}");
    }
}
