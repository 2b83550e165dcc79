package io.altokit.server.protection.auth;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersFileTest {
    private static final String BCRYPT = PasswordHash.BCRYPT.encode("pw", 4);

    @Test
    void readsNamesAndHashesSkippingCommentsAndBlankLines() {
        String argon = PasswordHash.ARGON2ID.encode("pw", 0);
        assertThat(UsersFile.parse(List.of("# users", "", "app1:" + BCRYPT, "  app2:" + argon + "  "), "users.txt"))
                .containsExactly(Map.entry("app1", BCRYPT), Map.entry("app2", argon));
        assertThat(PasswordHash.of(argon)).contains(PasswordHash.ARGON2ID);
        assertThat(PasswordHash.ARGON2ID.matches("pw", argon)).isTrue();
        assertThat(PasswordHash.BCRYPT.matches("wrong", BCRYPT)).isFalse();
    }

    @Test
    void pbkdf2HashesInDjangosFormVerify() {
        // Made independently: Python's hashlib.pbkdf2_hmac("sha256", b"correct horse", b"zbkhjrKBKp8kWZtXkH2GNw", 600000).
        String django = "pbkdf2_sha256$600000$zbkhjrKBKp8kWZtXkH2GNw$0n23XT1Pf5/sEkXXHmeb8fQgnGNqgL0dI7RQcs/inh8=";
        assertThat(PasswordHash.of(django)).contains(PasswordHash.PBKDF2_SHA256);
        assertThat(PasswordHash.PBKDF2_SHA256.matches("correct horse", django)).isTrue();
        assertThat(PasswordHash.PBKDF2_SHA256.matches("correct horsE", django)).isFalse();
        String made = PasswordHash.PBKDF2_SHA256.encode("correct horse", 0);
        assertThat(PasswordHash.of(made)).contains(PasswordHash.PBKDF2_SHA256);
        assertThat(PasswordHash.PBKDF2_SHA256.matches("correct horse", made)).isTrue();
        assertThat(PasswordHash.of("pbkdf2_sha256$1000$salt1234$" + django.substring(django.lastIndexOf('$') + 1)))
                .as("too few iterations").isEmpty();
    }

    @Test
    void badLinesAreNamedByFileAndLine() {
        assertThatThrownBy(() -> UsersFile.parse(List.of("app1:" + BCRYPT, "app2:plaintext"), "users.txt"))
                .hasMessageStartingWith("users.txt:2: ").hasMessageContaining("is not bcrypt");
        assertThatThrownBy(() -> UsersFile.parse(List.of("app1:" + BCRYPT, "app1:" + BCRYPT), "users.txt"))
                .hasMessage("users.txt:2: user app1 is listed twice");
        assertThatThrownBy(() -> UsersFile.parse(List.of("no colon"), "users.txt")).hasMessage("users.txt:1: expected name:hash");
        assertThatThrownBy(() -> UsersFile.parse(List.of("# nobody"), "users.txt")).hasMessageContaining("no users");
        assertThatThrownBy(() -> UsersFile.parse(List.of("app1:{bcrypt}" + BCRYPT), "users.txt")).hasMessageContaining("is not bcrypt");
    }
}
