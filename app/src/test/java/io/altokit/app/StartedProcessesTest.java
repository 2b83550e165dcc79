package io.altokit.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The extension every end-to-end test stops its processes with, driven here as JUnit drives it. */
class StartedProcessesTest {
    private final StartedProcesses started = new StartedProcesses();

    @Test
    void aProcessIsStoppedWithItsDescendants() throws Exception {
        started.beforeEach(null);
        // A shell whose two children would outlive it: they are reparented, not stopped, when only it goes.
        Process shell = started.add(new ProcessBuilder("bash", "-c", "sleep 300 & sleep 300 & echo started; wait").start());
        assertThat(new String(shell.getInputStream().readNBytes("started".length()), StandardCharsets.US_ASCII)).isEqualTo("started");
        List<ProcessHandle> tree = new ArrayList<>(shell.toHandle().descendants().toList());
        tree.add(shell.toHandle());
        assertThat(tree).hasSize(3).allMatch(ProcessHandle::isAlive);

        started.afterEach(null);

        assertThat(tree).noneMatch(StartedProcesses::running);
    }

    @Test
    void everythingIsClosedLastStartedFirstEvenWhenOnePartFails() throws Exception {
        List<String> closed = new ArrayList<>();
        started.beforeEach(null);
        started.add(closing(closed, "router"));
        AutoCloseable stuck = () -> {
            closed.add("server");
            throw new IOException("server would not stop");
        };
        started.add(stuck);
        started.add(closing(closed, "client"));

        assertThatThrownBy(() -> started.afterEach(null)).hasMessage("server would not stop");
        assertThat(closed).containsExactly("client", "server", "router");
    }

    @Test
    void whatTheClassStartedOutlivesEachTestAndGoesAfterTheLast() throws Exception {
        List<String> closed = new ArrayList<>();
        started.beforeAll(null);
        started.add(closing(closed, "browser"));
        for (String test : List.of("first", "second")) {
            started.beforeEach(null);
            started.add(closing(closed, test));
            started.afterEach(null);
        }
        assertThat(closed).containsExactly("first", "second");

        started.afterAll(null);
        assertThat(closed).containsExactly("first", "second", "browser");
    }

    /** A part that notes its name in {@code closed} when closed. */
    private static AutoCloseable closing(List<String> closed, String name) {
        return () -> closed.add(name);
    }
}
