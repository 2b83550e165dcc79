package io.altokit.model;

import java.util.Set;

/**
 * RFC 9274 cost mode names, which update RFC 7285 10.5: at most 32 characters of A-Z a-z 0-9 - : _;
 * a mode is registered in the IANA "ALTO Cost Modes" registry, or private ("priv:" and more).
 * AltoKit computes {@link CostMode numerical and ordinal} costs; a client meets the others in a
 * directory and leaves those cost types alone, and a server is asked for them only to refuse.
 */
public final class CostModes {
    public static final int MAX_LENGTH = 32;
    public static final String PRIVATE_PREFIX = "priv:";
    /** The registry: RFC 7285's two modes and RFC 9275's {@code array} (path vector). */
    public static final Set<String> REGISTERED = Set.of("numerical", "ordinal", "array");
    /** The rule in words, for error messages. */
    public static final String RULE = "1 to 32 characters from A-Z a-z 0-9 - : _";

    private CostModes() {
    }

    /** Whether {@code name} is a cost mode a message may carry: registered, or private. */
    public static boolean isRegisteredOrPrivate(String name) {
        return isValidName(name) && (REGISTERED.contains(name) || name.startsWith(PRIVATE_PREFIX)
                && name.length() > PRIVATE_PREFIX.length());
    }

    /** RFC 9274 section 3's syntax. */
    public static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || c == '-' || c == ':' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
