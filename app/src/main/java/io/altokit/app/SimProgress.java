package io.altokit.app;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The progress bar of long {@code alto sim} runs, on standard error. Single runs show it only on a
 * terminal (a pipe or a log file gets no bar lines); sweeps always show it.
 */
final class SimProgress implements AutoCloseable {
    private final ProgressBar bar;

    private SimProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static SimProgress of(String task, long total, boolean always) {
        boolean show = always || System.console() != null;
        return new SimProgress(show ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).continuousUpdate().build() : null);
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
