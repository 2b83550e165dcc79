package io.altokit.model;

import java.util.Set;

/**
 * RFC 7285 10.6 cost metric names: 1..32 characters of [A-Za-z0-9-:_.]; a private metric is
 * "priv:" followed by at least one more character.
 */
public final class CostMetrics {
    public static final int MAX_LENGTH = 32;
    /** Private-use metrics (RFC 7285 10.6) start with this. */
    public static final String PRIVATE_PREFIX = "priv:";
    /**
     * The IANA "ALTO Cost Metrics" registry (RFC 7285 14.2): {@code routingcost} (RFC 7285 6.1.1.1) and
     * the performance metrics RFC 9439 registers (IANA considerations): sections 4.1-4.5 and 5.1-5.4.
     * {@code hopcount} is RFC 9439's (4.5); RFC 7285 used it only in examples.
     */
    public static final Set<String> REGISTERED = Set.of("routingcost", "hopcount", "delay-ow", "delay-rt",
            "delay-variation", "lossrate", "tput", "bw-residual", "bw-available", "bw-maxres");
    /** The rule in words, for error messages. */
    public static final String RULE = "1 to 32 characters from A-Z a-z 0-9 - : _ . (and not just \"priv:\")";

    private CostMetrics() {
    }

    /** Whether a server may offer {@code name}: a registered metric, or a valid private one ({@code priv:...}). */
    public static boolean isRegisteredOrPrivate(String name) {
        return REGISTERED.contains(name) || name.startsWith(PRIVATE_PREFIX) && isValidName(name);
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
