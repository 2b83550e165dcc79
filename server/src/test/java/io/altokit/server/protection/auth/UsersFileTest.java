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
    void badLinesAreNamedByFileAndLine() {
        assertThatThrownBy(() -> UsersFile.parse(List.of("app1:" + BCRYPT, "app2:plaintext"), "users.txt"))
                .hasMessageStartingWith("users.txt:2: ").hasMessageContaining("neither bcrypt");
        assertThatThrownBy(() -> UsersFile.parse(List.of("app1:" + BCRYPT, "app1:" + BCRYPT), "users.txt"))
                .hasMessage("users.txt:2: user app1 is listed twice");
        assertThatThrownBy(() -> UsersFile.parse(List.of("no colon"), "users.txt")).hasMessage("users.txt:1: expected name:hash");
        assertThatThrownBy(() -> UsersFile.parse(List.of("# nobody"), "users.txt")).hasMessageContaining("no users");
        assertThatThrownBy(() -> UsersFile.parse(List.of("app1:{bcrypt}" + BCRYPT), "users.txt")).hasMessageContaining("neither");
    }
}
