package io.altokit.provision.network;

import io.altokit.provision.ProvisioningException;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems found in operator data, so that one run reports them all. */
final class Problems {

    private static final int IN_MESSAGE = 20;

    private final List<String> problems = new ArrayList<>();

    /** @param problem {@code file: entry: what is wrong} */
    void add(String problem) {
        problems.add(problem);
    }

    int count() {
        return problems.size();
    }

    /** @throws ProvisioningException listing the problems (the first 20), if there are any */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        String shown = String.join("; ", problems.subList(0, Math.min(problems.size(), IN_MESSAGE)));
        int hidden = problems.size() - IN_MESSAGE;
        throw new ProvisioningException(hidden > 0 ? shown + "; and " + hidden + " more" : shown);
    }
}
