package io.altokit.provision.network;

import io.altokit.provision.ProvisioningException;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems found in operator data, so that one run reports them all. Only the first
 * ones are kept for the message, the others counted: a matrix file of garbage has millions.
 */
final class Problems {

    private static final int IN_MESSAGE = 20;

    private final List<String> problems = new ArrayList<>();
    private int count;

    /** @param problem {@code file: entry: what is wrong} */
    void add(String problem) {
        if (count++ < IN_MESSAGE) {
            problems.add(problem);
        }
    }

    int count() {
        return count;
    }

    /** @throws ProvisioningException listing the problems (the first 20), if there are any */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        String shown = String.join("; ", problems);
        int hidden = count - problems.size();
        throw new ProvisioningException(hidden > 0 ? shown + "; and " + hidden + " more" : shown);
    }
}
