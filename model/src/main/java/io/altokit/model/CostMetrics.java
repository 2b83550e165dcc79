package io.altokit.model;

/**
 * RFC 7285 10.6 cost metric names: 1..32 characters of [A-Za-z0-9-:_.]; a private metric is
 * "priv:" followed by at least one more character.
 */
public final class CostMetrics {
    public static final int MAX_LENGTH = 32;
    /** The rule in words, for error messages. */
    public static final String RULE = "1 to 32 characters from A-Z a-z 0-9 - : _ . (and not just \"priv:\")";

    private CostMetrics() {
    }

    public static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH || name.equals("priv:")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || c == '-' || c == ':' || c == '_' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
