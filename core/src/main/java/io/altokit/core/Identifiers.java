package io.altokit.core;

import java.util.regex.Pattern;

/** RFC 7285 identifier syntax. */
final class Identifiers {

    /** Section 10.1. */
    static final String PID_NAME_RULE = "1 to 64 characters from A-Z a-z 0-9 - : @ _ .";
    /** Section 10.6; "priv:" alone is reserved. */
    static final String COST_METRIC_RULE = "1 to 32 characters from A-Z a-z 0-9 - : _ . (and not just \"priv:\")";

    private static final Pattern PID_NAME = Pattern.compile("[A-Za-z0-9\\-:@_.]{1,64}");
    private static final Pattern COST_METRIC = Pattern.compile("[A-Za-z0-9\\-:_.]{1,32}");

    private Identifiers() {}

    static boolean isPidName(String name) {
        return PID_NAME.matcher(name).matches();
    }

    static boolean isCostMetric(String metric) {
        return COST_METRIC.matcher(metric).matches() && !metric.equals("priv:");
    }
}
