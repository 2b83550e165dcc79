package io.altokit.provision;

/**
 * Operator data that cannot become a snapshot; the message names the file and the offending entry.
 * Open for the configuration reader's own error type, which adds the key path as a field.
 */
public class ProvisioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProvisioningException(String message) {
        super(message);
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
