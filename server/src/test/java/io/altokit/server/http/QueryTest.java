package io.altokit.server.http;

import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.NetworkMapFilter;
import io.altokit.model.RequestDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueryTest {
    private final AtomicInteger parses = new AtomicInteger();

    @Test
    void theBodyIsParsedOnceWhoeverAsks() {
        Query query = Query.of("{\"pids\": [\"a\"]}".getBytes(StandardCharsets.UTF_8), body -> {
            parses.incrementAndGet();
            return RequestDecoder.networkMapFilter(body);
        });
        assertThat(parses).hasValue(0);

        NetworkMapFilter byGuard = (NetworkMapFilter) query.parsed().orElseThrow();
        NetworkMapFilter byResource = query.as(NetworkMapFilter.class);

        assertThat(byResource).isSameAs(byGuard);
        assertThat(byResource.pids()).containsExactly("a");
        assertThat(parses).hasValue(1);
    }

    @Test
    void aMalformedBodyFailsEveryAskerWithTheSameErrorFromOneParse() {
        Query query = Query.of(new byte[0], body -> {
            parses.incrementAndGet();
            throw new AltoException(AltoError.syntax("empty"));
        });
        AltoException first = assertThrows(AltoException.class, query::parsed);
        assertThatThrownBy(() -> query.as(Object.class)).isSameAs(first);
        assertThat(parses).hasValue(1);
    }

    @Test
    void aResourceTakingNoBodyHasNothingToParse() {
        assertThat(Query.none().parsed()).isEmpty();
        assertThatThrownBy(() -> Query.none().as(Object.class)).isInstanceOf(IllegalStateException.class);
    }
}
