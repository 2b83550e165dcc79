package io.altokit.app.trial;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Who orders the peer lists the clients get: nobody, the tracker, or a proxy next to each client. */
public enum Policy {
    /** A plain tracker (opentracker): peer lists in its own random order. */
    RANDOM("random"),
    /** The ALTO tracker: peer lists ranked by the ALTO server's costs, a fifth random. */
    ALTO("alto"),
    /** The plain tracker behind one {@code alto peer-proxy} per peer: the client side ranks the lists. */
    ALTO_PROXY("alto-proxy");

    private final String label;

    Policy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The policy called {@code label} on the command line. */
    public static Policy parse(String label) {
        return Arrays.stream(values()).filter(policy -> policy.label.equals(label.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown policy \"" + label + "\"; policies: "
                        + Arrays.stream(values()).map(Policy::label).collect(Collectors.joining(", "))));
    }
}
