package io.altokit.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The fast path must agree with the full decoder on every body it accepts, and must leave every
 * body it cannot read exactly to the full decoder.
 */
class EndpointCostScannerTest {
    private static final List<String> SEEDS = List.of(
            """
            {"cost-type":{"cost-mode":"ordinal","cost-metric":"routingcost"},
             "endpoints":{"srcs":["ipv4:10.1.2.3"],"dsts":["ipv4:10.2.0.1","ipv6:2001:db8::1","ipv4:10.2.0.1"]}}""",
            """
            {"endpoints": {"dsts": ["ipv6:::ffff:10.1.2.3", "ipv6:2001:DB8:0:0:0:0:0:1"]},
             "constraints": ["le 5", "ne 2.5"],
             "cost-type": {"cost-metric": "priv:my-metric", "description": "x", "cost-mode": "numerical"}}""",
            "{\"cost-type\":{\"cost-mode\":\"numerical\",\"cost-metric\":\"hopcount\"},\"constraints\":[],"
                    + "\"endpoints\":{\"srcs\":[],\"dsts\":[]}}");

    @Test
    void acceptsTheUsualShapesAndAgreesWithTheFullDecoder() {
        for (String seed : SEEDS) {
            byte[] body = seed.getBytes(StandardCharsets.UTF_8);
            assertThat(EndpointCostScan.read(body).map(EndpointCostScan::toRequest)).as(seed).contains(RequestDecoder.endpointCost(body));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // valid, but outside the fast path's subset
            "{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"routingcost\"},\"endpoints\":{\"dsts\":[\"ipv4:10.0.0.\\u0031\"]}}",
            "{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"routingcost\"},\"x\":1,\"endpoints\":{\"dsts\":[]}}",
            "{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"routingcost\",\"d\":\"é\"},\"endpoints\":{\"dsts\":[]}}",
            // errors, which the full decoder reports
            "{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"routingcost\"},\"endpoints\":{\"dsts\":[\"ipv4:10.0.0.256\"]}}",
            "{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"routingcost\"},\"endpoints\":{\"dsts\":[]},\"endpoints\":{}}",
            "{\"cost-type\":{\"cost-mode\":\"best\",\"cost-metric\":\"routingcost\"},\"endpoints\":{\"dsts\":[]}}",
            "{\"cost-type\":{\"cost-mode\":\"ordinal\"},\"endpoints\":{\"dsts\":[]}}",
            "{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"routingcost\"},\"endpoints\":{\"srcs\":[]}}",
            "{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"routingcost\"},\"endpoints\":{\"dsts\":[]}} x",
            "{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"routingcost\"},\"endpoints\":{\"dsts\":[],}}",
            "[]", ""})
    void declinesWhatOnlyTheFullDecoderMayDecide(String body) {
        assertThat(EndpointCostScan.read(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    /** Whitespace anywhere JSON allows it does not leave the fast path. */
    @Test
    void toleratesWhitespaceBetweenTokens() {
        SplittableRandom random = new SplittableRandom(1);
        for (String seed : SEEDS) {
            for (int n = 0; n < 200; n++) {
                byte[] body = spaced(seed, random);
                assertThat(EndpointCostScan.read(body).map(EndpointCostScan::toRequest))
                        .as(new String(body, StandardCharsets.UTF_8)).contains(RequestDecoder.endpointCost(body));
            }
        }
    }

    /**
     * Random corruptions of valid bodies (bytes replaced, dropped, duplicated): whenever the scanner
     * accepts one, the full decoder accepts it too and decodes the same request.
     */
    @Test
    void agreesWithTheFullDecoderOnCorruptedBodies() {
        SplittableRandom random = new SplittableRandom(7285);
        int accepted = 0;
        for (int n = 0; n < 100_000; n++) {
            byte[] body = mutate(SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8), random);
            Optional<EndpointCostRequest> scanned = EndpointCostScan.read(body).map(EndpointCostScan::toRequest);
            if (scanned.isPresent()) {
                accepted++;
                String text = new String(body, StandardCharsets.ISO_8859_1);
                assertThatCode(() -> RequestDecoder.endpointCost(body)).as(text).doesNotThrowAnyException();
                assertThat(scanned.get()).as(text).isEqualTo(RequestDecoder.endpointCost(body));
            }
        }
        assertThat(accepted).as("some corruptions stay valid (digits, spaces)").isGreaterThan(1_000);
    }

    private static byte[] spaced(String seed, SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (char c : seed.toCharArray()) {
            if (c == '"') {
                inString = !inString;
            }
            if (!inString && c != '"' && random.nextInt(3) == 0) {
                out.append(" \t\r\n".charAt(random.nextInt(4)));
            }
            out.append(c);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutate(byte[] body, SplittableRandom random) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : body) {
            bytes.add(b);
        }
        byte[] alphabet = "{}[]\":, \\0123456789abcdefipv.:-\u00e9x".getBytes(StandardCharsets.UTF_8);
        for (int edits = 1 + random.nextInt(3); edits > 0 && !bytes.isEmpty(); edits--) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(3)) {
                case 0 -> bytes.set(at, alphabet[random.nextInt(alphabet.length)]);
                case 1 -> bytes.remove(at);
                default -> bytes.add(at, bytes.get(at));
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }
}
