package io.altokit.core;

import java.util.List;

/** A {@link Snapshot} could not be built from the data given; lists every problem found. */
public final class SnapshotException extends RuntimeException {

    private static final int PROBLEMS_IN_MESSAGE = 20;

    private final List<String> problems;

    SnapshotException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    private static String describe(List<String> problems) {
        String shown = String.join("; ", problems.subList(0, Math.min(problems.size(), PROBLEMS_IN_MESSAGE)));
        int hidden = problems.size() - PROBLEMS_IN_MESSAGE;
        return hidden > 0 ? shown + "; and " + hidden + " more" : shown;
    }

    /** Each problem as one sentence, e.g. {@code prefix 10.0.0.0/8 is in both PID "a" and PID "b"}. */
    public List<String> problems() {
        return problems;
    }
}
