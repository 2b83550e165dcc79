package io.altokit.server.protection.ratelimit;

import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Caller;
import io.altokit.server.protection.Verdict;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitMemoryTest {

    @Test
    void aFloodFromManySourceAddressesKeepsAtMostTheConfiguredNumberOfBuckets() throws Exception {
        RateLimit limit = new RateLimit(new Rate(10, 10), Map.of(), 500);
        for (int i = 0; i < 20_000; i++) {
            InetAddress source = InetAddress.getByAddress(new byte[]{10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
            AltoRequest request = new AltoRequest("GET", "/networkmap", Optional.empty(), Optional.empty(),
                    Optional.empty(), new byte[0], source);
            assertThat(limit.check(new Call(request, Optional.of("x"), Caller.anonymous(source), Query.none())))
                    .isInstanceOf(Verdict.Pass.class);
        }
        assertThat(limit.trackedCallers()).isLessThanOrEqualTo(500);
    }
}
