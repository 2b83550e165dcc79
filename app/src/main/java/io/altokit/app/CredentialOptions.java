package io.altokit.app;

import io.altokit.client.AltoClient;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How {@code alto query} and {@code alto rank} prove who they are to a server with authentication
 * (docs/security.md). Secrets stay off the command line, where other local users could read them:
 * the password is asked for, the token is read from a file.
 */
final class CredentialOptions {

    @Option(names = "--user", paramLabel = "NAME[:PASSWORD]", scope = ScopeType.INHERIT,
            description = "HTTP Basic credentials. Without :PASSWORD the password is read from the console, "
                    + "or from the first line of standard input when there is no console.")
    private String user;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Send the bearer token (such as a JWT) that FILE holds.")
    private Path tokenFile;

    /** The builder with the chosen credentials. @throws IllegalArgumentException for unusable ones */
    AltoClient.Builder apply(AltoClient.Builder builder) {
        if (user != null && tokenFile != null) {
            throw new IllegalArgumentException("give --user or --token-file, not both");
        }
        if (user != null) {
            int colon = user.indexOf(':');
            return colon < 0 ? builder.basicAuth(user, PasswordPrompt.read("Password for " + user + ": ", false))
                    : builder.basicAuth(user.substring(0, colon), user.substring(colon + 1));
        }
        if (tokenFile != null) {
            String token = readToken();
            return builder.bearerToken(() -> token);
        }
        return builder;
    }

    private String readToken() {
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("--token-file " + tokenFile + " must hold one token on one line");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException("--token-file: cannot read " + tokenFile + ": " + e.getMessage(), e);
        }
    }
}
