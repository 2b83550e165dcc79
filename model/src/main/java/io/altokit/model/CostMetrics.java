package io.altokit.model;

import java.util.Set;
import java.util.regex.Pattern;

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
     * the eight performance metrics RFC 9439 registers (section 8): sections 4.1-4.5 and 5.1-5.3.
     * {@code hopcount} is RFC 9439's (4.5); RFC 7285 used it only in examples.
     */
    public static final Set<String> REGISTERED = Set.of("routingcost", "hopcount", "delay-ow", "delay-rt",
            "delay-variation", "lossrate", "tput", "bw-residual", "bw-available");
    /**
     * RFC 9439 3.2's statistical operators, appended to a registered metric after a colon
     * ({@code delay-ow:p99.9}): besides these, {@code p} and a percentile from 0 to 100.
     */
    public static final Set<String> STATISTICAL_OPERATORS = Set.of("cur", "min", "max", "median", "mean", "stddev", "stdvar");
    /** A percentile: a JSON number (no leading zero, optional fraction) from 0 to 100 after "p". */
    private static final Pattern PERCENTILE = Pattern.compile("p(0|[1-9][0-9]*)(\\.[0-9]+)?");
    /** The rule in words, for error messages. */
    public static final String RULE = "1 to 32 characters from A-Z a-z 0-9 - : _ . (and not just \"priv:\")";

    private CostMetrics() {
    }

    /**
     * Whether a server may offer {@code name}: a registered metric, one of RFC 9439's with a statistical
     * operator (section 3.2), or a valid private one ({@code priv:...}).
     */
    public static boolean isRegisteredOrPrivate(String name) {
        return REGISTERED.contains(name) || isWithStatisticalOperator(name) || name.startsWith(PRIVATE_PREFIX) && isValidName(name);
    }

    /** RFC 9439 3.2: a registered metric, a colon, a statistical operator, 32 characters at most. */
    private static boolean isWithStatisticalOperator(String name) {
        int colon = name.indexOf(':');
        if (colon < 0 || !isValidName(name)) {
            return false;
        }
        String base = name.substring(0, colon);
        String operator = name.substring(colon + 1);
        return REGISTERED.contains(base) && (STATISTICAL_OPERATORS.contains(operator) || isPercentile(operator));
    }

    private static boolean isPercentile(String operator) {
        return PERCENTILE.matcher(operator).matches() && Double.parseDouble(operator.substring(1)) <= 100;
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
