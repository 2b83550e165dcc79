package io.altokit.provision.bgp.message;

import java.util.Objects;

/**
 * An error in an UPDATE that RFC 7606 lets the session survive, and what the codec did about it.
 * {@code attributeType} is the path attribute at fault, or 0 when the fault is in the attribute list
 * itself (an attribute running past the list's end).
 */
public record UpdateProblem(Action action, int attributeType, String reason) {

    public enum Action {
        /** RFC 7606 section 2: every route the UPDATE announces is handled as withdrawn. */
        TREAT_AS_WITHDRAW,
        /** RFC 7606 section 2: the attribute is dropped and the UPDATE otherwise processed. */
        ATTRIBUTE_DISCARD
    }

    public UpdateProblem {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return action + (attributeType == 0 ? "" : " (attribute " + attributeType + ")") + ": " + reason;
    }
}
