package io.altokit.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostConstraintTest {

    @Test
    void parsesAndTestsEveryOperator() {
        assertThat(CostConstraint.parse("lt 5").orElseThrow().test(4.9)).isTrue();
        assertThat(CostConstraint.parse("lt 5").orElseThrow().test(5)).isFalse();
        assertThat(CostConstraint.parse("le 5").orElseThrow().test(5)).isTrue();
        assertThat(CostConstraint.parse("eq 5").orElseThrow().test(5)).isTrue();
        assertThat(CostConstraint.parse("ne 5").orElseThrow().test(5)).isFalse();
        assertThat(CostConstraint.parse("ge 5").orElseThrow().test(4)).isFalse();
        assertThat(CostConstraint.parse("gt 5").orElseThrow().test(6)).isTrue();
    }

    @Test
    void rejectsMalformedConstraints() {
        assertThat(CostConstraint.parse("LE 5")).isEmpty();
        assertThat(CostConstraint.parse("le")).isEmpty();
        assertThat(CostConstraint.parse("le five")).isEmpty();
        assertThat(CostConstraint.parse("le NaN")).isEmpty();
        assertThat(CostConstraint.parse("le 1 2")).isEmpty();
        assertThat(CostConstraint.parse("approx 1")).isEmpty();
    }

    /** The bound is a JSON number (RFC 8259 section 6), not anything Double.parseDouble takes. */
    @Test
    void theBoundIsAJsonNumber() {
        assertThat(CostConstraint.parse("le 0x1p3")).isEmpty();
        assertThat(CostConstraint.parse("le 5f")).isEmpty();
        assertThat(CostConstraint.parse("le 5d")).isEmpty();
        assertThat(CostConstraint.parse("le +5")).isEmpty();
        assertThat(CostConstraint.parse("le .5")).isEmpty();
        assertThat(CostConstraint.parse("le 5\u0000")).isEmpty();
        assertThat(CostConstraint.parse("le 1e400")).isEmpty();
        assertThat(CostConstraint.parse(" le  -0.5E+1 ")).contains(new CostConstraint(CostConstraint.Operator.LE, -5));
    }
}
