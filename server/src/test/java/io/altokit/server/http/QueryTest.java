package io.altokit.server.http;

import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.CostMapFilter;
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
    private final Query.Parser<NetworkMapFilter> countingParser = new Query.Parser<>(body -> {
        parses.incrementAndGet();
        return RequestDecoder.networkMapFilter(body);
    });

    @Test
    void theBodyIsParsedOnceWhoeverAsks() {
        Query<?> query = countingParser.query("{\"pids\": [\"a\"]}".getBytes(StandardCharsets.UTF_8));
        assertThat(parses).hasValue(0);

        Object byGuard = query.parsed().orElseThrow();
        NetworkMapFilter byResource = query.madeBy(countingParser).parsed().orElseThrow();

        assertThat(byResource).isSameAs(byGuard);
        assertThat(byResource.pids()).containsExactly("a");
        assertThat(parses).hasValue(1);
    }

    @Test
    void aMalformedBodyFailsEveryAskerWithTheSameErrorFromOneParse() {
        Query<NetworkMapFilter> query = new Query.Parser<NetworkMapFilter>(body -> {
            parses.incrementAndGet();
            throw new AltoException(AltoError.syntax("empty"));
        }).query(new byte[0]);
        AltoException first = assertThrows(AltoException.class, query::parsed);
        assertThatThrownBy(query::parsed).isSameAs(first);
        assertThat(parses).hasValue(1);
    }

    @Test
    void aResourceTakingNoBodyHasNothingToParse() {
        assertThat(Query.none().parsed()).isEmpty();
    }

    @Test
    void aQueryReachesOnlyAResourceOfTheKindThatMadeIt() {
        Query<?> query = countingParser.query(new byte[0]);
        Query.Parser<CostMapFilter> otherKind = new Query.Parser<>(RequestDecoder::costMapFilter);
        Query.Parser<NetworkMapFilter> sameTypeOtherKind = new Query.Parser<>(RequestDecoder::networkMapFilter);

        assertThat(query.madeBy(countingParser)).isSameAs(query);
        assertThatThrownBy(() -> query.madeBy(otherKind)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> query.madeBy(sameTypeOtherKind)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Query.none().madeBy(countingParser)).isInstanceOf(IllegalStateException.class);
        assertThat(parses).as("checked before any parse").hasValue(0);
    }
}
