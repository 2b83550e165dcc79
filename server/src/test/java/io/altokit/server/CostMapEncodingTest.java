package io.altokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.altokit.core.CostMatrix;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.VersionTag;
import io.altokit.server.http.Representation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: over a randomized sequence of changes (a few cells, a row emptied or filled again, the
 * first rows among them, a new or vanished ordinal level, only the network map's vtag), a cost map
 * derived from the previous version's encoding is byte for byte the full map the plain encoder
 * writes, in both modes, and its gzip form inflates to it.
 */
class CostMapEncodingTest {

    private static final int PIDS = 40;
    private static final List<String> NAMES = names();

    @ParameterizedTest
    @ValueSource(longs = {16, 7285, 8895})
    void aDerivedMapIsTheFullEncoding(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[] costs = new double[PIDS * PIDS];
        for (int cell = 0; cell < costs.length; cell++) {
            costs[cell] = random.nextInt(12) == 0 ? Double.NaN : random.nextInt(40) / 10.0;
        }
        VersionTag vtag = new VersionTag("my-default-network-map", "v0");
        CostMatrix matrix = matrix(costs);
        List<CostMapEncoding> encodings = new ArrayList<>();
        for (CostMode mode : CostMode.values()) {
            encodings.add(CostMapEncoding.of(content(vtag, mode, matrix)));
        }
        for (int step = 0; step < 60; step++) {
            switch (random.nextInt(5)) {
                case 0 -> vtag = new VersionTag(vtag.resourceId(), "v" + step); // a BGP change: same costs
                case 1 -> {
                    int row = random.nextInt(3); // one of the first rows: the comma before the next row goes
                    Arrays.fill(costs, row * PIDS, row * PIDS + PIDS, Double.NaN);
                }
                case 2 -> {
                    int row = random.nextInt(3);
                    for (int dst = 0; dst < PIDS; dst++) {
                        costs[row * PIDS + dst] = random.nextInt(40) / 10.0;
                    }
                }
                default -> {
                    for (int changes = random.nextInt(1, 4); changes > 0; changes--) {
                        costs[random.nextInt(costs.length)] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(45) / 10.0;
                    }
                }
            }
            if (step % 5 != 0) { // else the same matrix, as a change to another metric leaves it
                matrix = matrix(costs);
            }
            for (int m = 0; m < encodings.size(); m++) {
                CostMapEncoding.Content content = content(vtag, CostMode.values()[m], matrix);
                CostMapEncoding derived = encodings.get(m).next(content);
                Representation served = derived.representation("tag");
                assertThat(new String(served.identity(), StandardCharsets.US_ASCII)).as("step %d, %s", step, content.type())
                        .isEqualTo(new String(plainEncoding(content), StandardCharsets.US_ASCII));
                if (random.nextBoolean()) {
                    assertThat(inflate(served.gzipped())).as("step %d, %s: gzip", step, content.type()).isEqualTo(served.identity());
                }
                encodings.set(m, derived);
            }
        }
    }

    /** What the server wrote before maps were encoded by rows: the whole table through the response encoder. */
    private static byte[] plainEncoding(CostMapEncoding.Content content) {
        List<CostQuery.Location> all = new ArrayList<>();
        for (int pid = 0; pid < PIDS; pid++) {
            all.add(new CostQuery.Location(NAMES.get(pid), pid));
        }
        return ResponseEncoder.costMap(new CostMapResponse(List.of(content.networkMap()), content.type(),
                CostQuery.compute(all, all, content.matrix(), content.type().mode(), List.of())));
    }

    private static CostMapEncoding.Content content(VersionTag vtag, CostMode mode, CostMatrix matrix) {
        return new CostMapEncoding.Content(vtag, new CostType("rtt", mode, Optional.empty()), matrix, NAMES);
    }

    private static CostMatrix matrix(double[] costs) {
        Snapshot.Builder builder = Snapshot.builder().defaultPid(NAMES.getFirst());
        for (int pid = 0; pid < PIDS; pid++) {
            builder.pid(NAMES.get(pid), List.of(IpPrefix.parse("10.0." + pid + ".0/24")));
        }
        for (int cell = 0; cell < costs.length; cell++) {
            if (!Double.isNaN(costs[cell])) {
                builder.cost("rtt", NAMES.get(cell / PIDS), NAMES.get(cell % PIDS), costs[cell]);
            }
        }
        return builder.build().costMatrix("rtt").orElseThrow();
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int pid = 0; pid < PIDS; pid++) {
            names.add(String.format("pid%02d", pid));
        }
        return List.copyOf(names);
    }

    private static byte[] inflate(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
