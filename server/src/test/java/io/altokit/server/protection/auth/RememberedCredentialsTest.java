package io.altokit.server.protection.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RememberedCredentialsTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aRememberedTokenIsForgottenAtItsOwnExpiryAndOnlyTheExactCredentialsMatch() {
        MovingClock clock = new MovingClock();
        RememberedCredentials remembered = new RememberedCredentials(Duration.ofHours(1), clock);
        remembered.remember("token-1", "app1", clock.now.plusSeconds(10));

        assertThat(remembered.nameFor("token-1")).contains("app1");
        assertThat(remembered.nameFor("token-2")).isEmpty();
        clock.now = clock.now.plusSeconds(10);
        assertThat(remembered.nameFor("token-1")).as("expired").isEmpty();
    }
}
