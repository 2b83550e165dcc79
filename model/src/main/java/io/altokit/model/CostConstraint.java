package io.altokit.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One cost constraint ("le 5"): RFC 7285 section 11.3.2.3 operators plus the RFC 8189 {@code ne}.
 * A cost value passes when {@code cost <op> bound} holds.
 */
public record CostConstraint(Operator operator, double bound) {
    /** RFC 8259 section 6: the bound is a JSON number, not whatever Double.parseDouble takes ("0x1p3", "5f"). */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    public enum Operator {
        GT, LT, GE, LE, EQ, NE;

        boolean holds(double cost, double bound) {
            return switch (this) {
                case GT -> cost > bound;
                case LT -> cost < bound;
                case GE -> cost >= bound;
                case LE -> cost <= bound;
                case EQ -> cost == bound;
                case NE -> cost != bound;
            };
        }
    }

    public boolean test(double cost) {
        return operator.holds(cost, bound);
    }

    /** Parses "op value" exactly as RFC 7285 writes it; empty when the text is not a constraint. */
    public static Optional<CostConstraint> parse(String text) {
        // Whitespace around and between the parts, but not other control characters, as trim() would ("le 5\u0000").
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        Operator op;
        try {
            op = Operator.valueOf(parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!parts[0].equals(parts[0].toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (!JSON_NUMBER.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        try {
            double bound = Double.parseDouble(parts[1]);
            return Double.isFinite(bound) ? Optional.of(new CostConstraint(op, bound)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return operator.name().toLowerCase(Locale.ROOT) + " " + bound;
    }
}
