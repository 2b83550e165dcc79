package io.altokit.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** What the end-to-end tests need from the machine: Debian packages, installed when missing ({@link FreePorts}: ports). */
final class SystemTools {
    private SystemTools() {
    }

    /**
     * Installs {@code debianPackage} unless all {@code tools} are already on PATH; fails clearly when
     * that is impossible (not root, apt failing), never skips.
     */
    static void requirePackage(String debianPackage, String description, String... tools) throws Exception {
        if (onPath(tools)) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            fail(description + " is not installed and this test is not root: apt-get install -y " + debianPackage);
        }
        for (List<String> step : List.of(List.of("apt-get", "update"), List.of("apt-get", "install", "-y", debianPackage))) {
            Process apt = new ProcessBuilder(step).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!apt.waitFor(300, TimeUnit.SECONDS) || apt.exitValue() != 0) {
                apt.destroyForcibly();
                fail(String.join(" ", step) + " failed: " + description + " (Debian package " + debianPackage
                        + ") is needed for this test");
            }
        }
        assertThat(onPath(tools)).as(String.join(" and ", tools) + " on PATH after installing " + debianPackage).isTrue();
    }

    /** The executable {@code tool} as found on PATH. */
    static Optional<Path> locate(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean onPath(String... tools) {
        return Arrays.stream(tools).allMatch(tool -> locate(tool).isPresent());
    }
}
