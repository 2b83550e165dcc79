package io.altokit.app;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

import static io.altokit.app.Eventually.eventually;

/**
 * Everything an end-to-end test starts (servers, routers, trackers, clients, browsers), stopped
 * after it in reverse order, whether it passed or failed: a process with all its descendants, first
 * asked to stop (SIGTERM), then killed, each step bounded; anything else by its {@code close}. What
 * is still running after that fails the test, naming it. Register it with
 * {@code @RegisterExtension}: as an instance field it stops what each test started; as a static
 * field it also stops what {@code @BeforeAll} started, after the last test of the class.
 */
final class StartedProcesses implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    /** How long a process gets to stop on SIGTERM, then to vanish once killed. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    /** What each open scope (the class, then the running test) started, in order; the innermost last. */
    private final Deque<List<AutoCloseable>> scopes = new ArrayDeque<>();

    /** Stops {@code process} and its descendants after the test (or the class); returns it. */
    synchronized <P extends Process> P add(P process) {
        current().add(() -> stop(process.toHandle()));
        return process;
    }

    /** Closes {@code part} (a daemon, a browser, a watching client) after the test (or the class); returns it. */
    synchronized <C extends AutoCloseable> C add(C part) {
        current().add(part);
        return part;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        scopes.addLast(new ArrayList<>());
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        scopes.addLast(new ArrayList<>());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        closeInReverse(pop());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        closeInReverse(pop());
    }

    private List<AutoCloseable> current() {
        if (scopes.isEmpty()) {
            throw new IllegalStateException("nothing runs: register StartedProcesses with @RegisterExtension");
        }
        return scopes.getLast();
    }

    private synchronized List<AutoCloseable> pop() {
        return scopes.removeLast();
    }

    /** Closes every part, the last started first, even when one fails; then throws the first failure. */
    private static void closeInReverse(List<AutoCloseable> parts) throws Exception {
        Throwable failure = null;
        for (AutoCloseable part : parts.reversed()) {
            try {
                part.close();
            } catch (Exception | AssertionError e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof Exception exception) {
            throw exception;
        }
        if (failure instanceof AssertionError error) {
            throw error;
        }
    }

    /**
     * Stops {@code root} and every process below it (taken before any signal, since the orphans of
     * a stopped parent are no longer its descendants): SIGTERM, then SIGKILL to what still runs after
     * {@link #STOP_PATIENCE}; fails naming what is still there after another such wait.
     */
    static void stop(ProcessHandle root) {
        List<ProcessHandle> tree = Stream.concat(root.descendants(), Stream.of(root)).filter(StartedProcesses::running).toList();
        tree.forEach(ProcessHandle::destroy);
        List<ProcessHandle> stubborn = awaitExit(tree);
        stubborn.forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> leftovers = awaitExit(stubborn);
        if (!leftovers.isEmpty()) {
            throw new AssertionError("still running " + STOP_PATIENCE.toSeconds() + " s after SIGKILL: "
                    + leftovers.stream().map(StartedProcesses::describe).toList());
        }
    }

    /** Waits, at most {@link #STOP_PATIENCE}, for the processes to end; those still running. */
    private static List<ProcessHandle> awaitExit(List<ProcessHandle> processes) {
        try {
            eventually("processes ending", STOP_PATIENCE).dontCatchUncaughtExceptions()
                    .until(() -> processes.stream().noneMatch(StartedProcesses::running));
        } catch (ConditionTimeoutException e) {
            // the survivors are returned
        }
        return processes.stream().filter(StartedProcesses::running).toList();
    }

    /**
     * Alive and not a zombie: a killed grandchild whose parent died too waits for the init process to
     * reap it, which in some containers never comes, but it runs no more.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    private static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse("(command unknown)");
    }
}
