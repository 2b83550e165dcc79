package io.altokit.app;

import io.altokit.server.protection.auth.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code alto hash-password NAME}: one line for the users file of {@code auth.basic} (docs/security.md). */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Print NAME:HASH for the users file of auth.basic.",
                "The password is asked for twice on the console, or read from the first line of standard input."})
final class HashPasswordCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The user (client) name.")
    private String name;

    @Option(names = "--algorithm", defaultValue = "bcrypt", paramLabel = "bcrypt|argon2id|pbkdf2-sha256",
            description = "Hash algorithm. Default: ${DEFAULT-VALUE}.")
    private String algorithm;

    @Option(names = "--cost", defaultValue = "10",
            description = "bcrypt cost (log2 of the rounds, 4 to 31); each step doubles the time a check takes. Default: ${DEFAULT-VALUE}.")
    private int cost;

    @Override
    public Integer call() {
        try {
            PasswordHash hash = PasswordHash.byLabel(algorithm).orElseThrow(() -> new IllegalArgumentException(
                    "--algorithm must be one of " + Arrays.stream(PasswordHash.values()).map(PasswordHash::label).toList()));
            if (cost < 4 || cost > 31) {
                throw new IllegalArgumentException("--cost must be from 4 to 31, got " + cost);
            }
            if (name.isEmpty() || name.indexOf(':') >= 0 || !name.chars().allMatch(c -> c > ' ' && c != 0x7f)) {
                throw new IllegalArgumentException("the name must be non-empty, without ':', spaces or control characters");
            }
            spec.commandLine().getOut().println(name + ":" + hash.encode(PasswordPrompt.read("Password for " + name + ": ", true), cost));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("alto hash-password: " + e.getMessage());
            return 2;
        }
    }
}
