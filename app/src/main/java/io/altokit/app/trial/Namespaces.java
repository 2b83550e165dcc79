package io.altokit.app.trial;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The trial's network namespaces as the kernel knows them: found by their name prefix, removed with
 * every process inside them. Removing is idempotent, so the clean-up can run after a failure, from the
 * shutdown hook and from {@code alto trial --cleanup} alike.
 */
public final class Namespaces {
    private Namespaces() {
    }

    /** {@code command} run inside {@code namespace}. */
    static List<String> exec(String namespace, List<String> command) {
        List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        inside.addAll(command);
        return inside;
    }

    /** The names of the trial namespaces that exist now. */
    public static List<String> existing() throws IOException {
        return Shell.run("ip", "netns", "list").lines()
                .map(line -> line.strip().split("\\s+")[0])
                .filter(name -> name.startsWith(AddressPlan.NAMESPACE_PREFIX))
                .toList();
    }

    /**
     * Stops every process in a trial namespace (TERM, then KILL after 5 s), deletes the host's end of
     * the management link and the namespaces (their veths go with them); returns how many namespaces
     * there were.
     */
    public static int removeAll() throws IOException {
        List<String> namespaces = existing();
        List<ProcessHandle> inside = new ArrayList<>();
        for (String namespace : namespaces) {
            Shell.run("ip", "netns", "pids", namespace).lines().map(String::strip).filter(pid -> !pid.isEmpty())
                    .map(pid -> ProcessHandle.of(Long.parseLong(pid))).flatMap(Optional::stream).forEach(inside::add);
        }
        inside.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : inside) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception notGone) {
                process.destroyForcibly();
            }
        }
        // First the host's end: the kernel frees a deleted namespace's devices later, in the background.
        if (Shell.run("ip", "-o", "link", "show").lines().anyMatch(line -> line.contains(": " + AddressPlan.HOST_LINK + "@"))) {
            Shell.run("ip", "link", "delete", AddressPlan.HOST_LINK);
        }
        for (String namespace : namespaces) {
            Shell.run("ip", "netns", "delete", namespace);
        }
        return namespaces.size();
    }
}
