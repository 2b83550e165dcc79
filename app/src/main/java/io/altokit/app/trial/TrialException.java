package io.altokit.app.trial;

import java.io.IOException;

/** A trial that cannot start or go on: a missing tool, no root, a command of the set-up failing. One line. */
public final class TrialException extends IOException {
    public TrialException(String message) {
        super(message);
    }
}
