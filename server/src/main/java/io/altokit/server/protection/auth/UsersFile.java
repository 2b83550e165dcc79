package io.altokit.server.protection.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP Basic users file: one {@code name:hash} a line ({@link PasswordHash} lists the hashes),
 * blank lines and lines starting with {@code #} ignored. {@code alto hash-password NAME} prints such lines.
 */
public final class UsersFile {

    private UsersFile() {
    }

    /** The users in file order. @throws IllegalArgumentException naming the file and line of what is wrong */
    public static Map<String, String> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static Map<String, String> parse(List<String> lines, String source) {
        Map<String, String> users = new LinkedHashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + number + ": ";
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(where + "expected name:hash");
            }
            String name = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (!name.chars().allMatch(c -> c > ' ' && c != 0x7f)) {
                throw new IllegalArgumentException(where + "the user name must not contain spaces or control characters");
            }
            if (PasswordHash.of(hash).isEmpty()) {
                throw new IllegalArgumentException(where + "the hash of user " + name
                        + " is not bcrypt ($2a$/$2b$/$2y$), argon2id ($argon2id$v=19$...) or PBKDF2 (pbkdf2_sha256$ with at"
                        + " least 100000 iterations); make one with alto hash-password");
            }
            if (users.putIfAbsent(name, hash) != null) {
                throw new IllegalArgumentException(where + "user " + name + " is listed twice");
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(source + ": no users (one name:hash a line)");
        }
        return users;
    }
}
