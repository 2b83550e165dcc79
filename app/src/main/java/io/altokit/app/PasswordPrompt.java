package io.altokit.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A password from the console without echo, or from the first line of standard input when there is no console (scripts). */
final class PasswordPrompt {

    private PasswordPrompt() {
    }

    /** @throws IllegalArgumentException when none is given, or the console confirmation differs */
    static String read(String prompt, boolean confirm) {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] first = console.readPassword("%s", prompt);
            if (confirm && first != null && !Arrays.equals(first, console.readPassword("Again: "))) {
                throw new IllegalArgumentException("the passwords differ");
            }
            password = first == null ? null : new String(first);
        } else {
            try {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the password from standard input: " + e.getMessage(), e);
            }
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password given");
        }
        return password;
    }
}
