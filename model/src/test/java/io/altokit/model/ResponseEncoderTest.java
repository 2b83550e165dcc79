package io.altokit.model;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

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
    void aCostMapWrittenToAStreamIsTheSameBytes() throws IOException {
        Random random = new Random(16);
        int pids = 300;
        List<String> names = IntStream.range(0, pids).mapToObj(pid -> "pid" + pid).toList();
        double[] values = new double[pids * pids];
        for (int cell = 0; cell < values.length; cell++) {
            values[cell] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(3) == 0 ? random.nextInt(20) : random.nextDouble() * 1e4;
        }
        CostMapResponse map = new CostMapResponse(List.of(new VersionTag("nm", "v1")),
                new CostType("routingcost", CostMode.NUMERICAL), new CostTable(names, names, values));
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();

        ResponseEncoder.costMap(map, streamed);

        assertThat(streamed.toByteArray()).isEqualTo(ResponseEncoder.costMap(map));
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
