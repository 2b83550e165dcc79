package io.altokit.core.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledWarningTest {
    private final ManualTicker ticker = new ManualTicker();
    private final ThrottledWarning warning = new ThrottledWarning(Duration.ofSeconds(10), ticker);

    @Test
    void theFirstOccurrenceIsWrittenAndTheNextOnesAreCountedUntilTheIntervalIsOver() {
        assertThat(warning.occurred()).hasValue(1);
        for (int i = 0; i < 1_000; i++) {
            assertThat(warning.occurred()).isEmpty();
        }
        ticker.advance(Duration.ofSeconds(9));
        assertThat(warning.occurred()).isEmpty();
        ticker.advance(Duration.ofSeconds(1));
        assertThat(warning.occurred()).as("every occurrence since the last warning").hasValue(1_002);
        assertThat(warning.occurred()).isEmpty();
    }
}
