package io.altokit.app;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.Console;

/**
 * The progress bar of long {@code alto sim} runs, on standard error. Single runs show it only on a
 * terminal (a pipe or a log file gets no bar lines); sweeps show it everywhere, as plain lines every
 * ten seconds when standard error is not a terminal.
 */
final class SimProgress implements AutoCloseable {
    private static final int PLAIN_LINE_INTERVAL_MILLIS = 10_000;

    private final ProgressBar bar;

    private SimProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static SimProgress of(String task, long total, boolean always) {
        boolean terminal = onTerminal();
        if (!terminal && !always) {
            return new SimProgress(null);
        }
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total);
        if (terminal) {
            builder.continuousUpdate();
        } else {
            // A log file gets a plain line now and then: no colours, no carriage returns redrawing one line.
            builder.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(PLAIN_LINE_INTERVAL_MILLIS)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> System.err.println(line.strip())));
        }
        return new SimProgress(builder.build());
    }

    /**
     * Since JDK 22 System.console() exists for pipes too and Console.isTerminal() tells them apart;
     * the code is compiled for Java 21, which has no such method but no such console either.
     */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console is a terminal
        }
    }

    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /** Moves the bar forward to {@code done} (never back). */
    void stepTo(long done) {
        if (bar != null && done > bar.getCurrent()) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
