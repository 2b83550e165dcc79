package io.altokit.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationsTest {

    @Test
    void readsAmountsWithUnits() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse(" 10 S ")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsIso8601() {
        assertThat(Durations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5 seconds", "-5s", "PT-5S", "1.5s", "s", "P1Y", "99999999999999999999s"})
    void rejectsWhatIsNotADurationSayingWhatIsAccepted(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not " + Durations.FORMS);
    }

    @Test
    void aBareNumberIsToldItsUnit() {
        assertThatThrownBy(() -> Durations.parse("600"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'600' has no unit: write 600s for seconds (" + Durations.FORMS + ")");
    }

    @Test
    void theConverterReportsAsAPicocliTypeError() {
        assertThatThrownBy(() -> new Durations.Converter().convert("5 sec"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("500ms, 5s");
    }
}
