package io.altokit.model;

/** RFC 7285 section 10.1: PID names are 1..64 US-ASCII alphanumerics or "-", ":", "@", "_", ".". */
public final class PidNames {
    public static final int MAX_LENGTH = 64;
    /** The rule in words, for error messages. */
    public static final String RULE = "1 to 64 characters from A-Z a-z 0-9 - : @ _ .";

    private PidNames() {
    }

    public static boolean isValid(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || c == '-' || c == ':' || c == '@' || c == '_' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
