package io.altokit.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One constraint test of RFC 8189 (sections 4.1.2 and 4.2.2): {@code "[##] op value"}, a plain RFC 7285
 * constraint on the cost type at {@code index} of the request's testable cost types. Without the
 * bracketed index the test is on the first of them, which keeps every RFC 7285 constraint valid.
 */
public record CostTest(int index, CostConstraint constraint) {
    private static final Pattern INDEXED = Pattern.compile("\\s*\\[(0|[1-9][0-9]{0,5})]\\s+(.*)", Pattern.DOTALL);

    public CostTest {
        if (index < 0) {
            throw new IllegalArgumentException("negative cost type index " + index);
        }
    }

    public boolean test(double cost) {
        return constraint.test(cost);
    }

    /** Parses a test as RFC 8189 writes it; empty when the text is not one. */
    public static Optional<CostTest> parse(String text) {
        Matcher indexed = INDEXED.matcher(text);
        if (indexed.matches()) {
            int index = Integer.parseInt(indexed.group(1));
            return CostConstraint.parse(indexed.group(2)).map(constraint -> new CostTest(index, constraint));
        }
        return CostConstraint.parse(text).map(constraint -> new CostTest(0, constraint));
    }

    /** The test as a request carries it: with its index, unless {@code plain} asks for the RFC 7285 form. */
    public String wireText(boolean plain) {
        String number = ResponseEncoder.isExactInteger(constraint.bound())
                ? Long.toString((long) constraint.bound()) : Double.toString(constraint.bound());
        String test = constraint.operator().name().toLowerCase(Locale.ROOT) + " " + number;
        return plain ? test : "[" + index + "] " + test;
    }
}
