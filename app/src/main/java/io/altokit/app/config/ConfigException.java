package io.altokit.app.config;

import io.altokit.provision.ProvisioningException;

import java.nio.file.Path;

/**
 * A mistake in the configuration file: which file, which key (its full path, {@code auth.bearer.issuer},
 * {@code access[0].resources}) and what is wrong. The message is the one line {@code alto serve} prints.
 */
public final class ConfigException extends ProvisioningException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String path;
    private final String problem;

    public ConfigException(Path file, String path, String problem) {
        super(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.file = file;
        this.path = path;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** The key path; empty for the file as a whole. */
    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
