package io.altokit.app.config;

import io.altokit.provision.ProvisioningException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The mistakes of one load of the configuration file, collected so that one start reports them all:
 * a reader attempts each part that stands on its own (a section, a pool, an area), records the
 * part's mistake and reads on; the load then fails with every mistake at once.
 */
public final class ConfigProblems {
    private final List<ProvisioningException> problems = new ArrayList<>();

    /** What {@code read} returns; empty if it found a mistake, which is recorded. */
    public <T> Optional<T> attempt(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (ProvisioningException e) {
            problems.add(e);
            return Optional.empty();
        }
    }

    public void add(ProvisioningException problem) {
        problems.add(problem);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * Fails with the mistakes recorded, if any: one as it was thrown (a {@link ConfigException} keeps its
     * key path), several in one exception whose message lists them in the order found, each naming its
     * file and key path, joined with {@code "; "} into the one line {@code alto serve} prints.
     */
    public void throwIfAny() {
        if (problems.size() == 1) {
            throw problems.getFirst();
        }
        if (!problems.isEmpty()) {
            ProvisioningException all = new ProvisioningException(String.join("; ",
                    problems.stream().map(ProvisioningException::getMessage).toList()), problems.getFirst());
            problems.subList(1, problems.size()).forEach(all::addSuppressed);
            throw all;
        }
    }
}
