package io.altokit.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fast path for endpoint cost requests, the hottest request an ALTO server gets: a single pass
 * over the body's bytes that reads the request into an {@link EndpointCostScan}, without a token
 * stream and without a string per endpoint. It reads only the plain shape clients send ({@code cost-type},
 * {@code constraints}, {@code endpoints/srcs}, {@code endpoints/dsts}; strings without escapes or
 * non-ASCII characters) and declines everything else: unknown or repeated fields, invalid values,
 * any syntax error. {@link RequestDecoder} then decodes the body in full, so every error response
 * and every unusual-but-valid body still comes from the one strict decoder, and the two agree on
 * every body the scanner accepts.
 */
final class EndpointCostScanner {
    /** The signal to fall back to the full decoder; never leaves this class. */
    private static final class Decline extends RuntimeException {
        private static final Decline INSTANCE = new Decline();

        private Decline() {
            super(null, null, false, false);
        }
    }

    private final byte[] body;
    private int at;

    private EndpointCostScanner(byte[] body) {
        this.body = body;
    }

    /** The request, or empty when the full decoder must decide. */
    static Optional<EndpointCostScan> scan(byte[] body) {
        try {
            return Optional.of(new EndpointCostScanner(body).request());
        } catch (Decline decline) {
            return Optional.empty();
        }
    }

    private EndpointCostScan request() {
        CostType costType = null;
        List<CostConstraint> constraints = null;
        Endpoints endpoints = null;
        expect('{');
        if (!tryConsume('}')) {
            do {
                switch (fieldName()) {
                    case "cost-type" -> costType = once(costType, this::costType);
                    case "constraints" -> constraints = once(constraints, this::constraints);
                    case "endpoints" -> endpoints = once(endpoints, this::endpoints);
                    default -> throw Decline.INSTANCE;
                }
            } while (tryConsume(','));
            expect('}');
        }
        skipWhitespace();
        if (at != body.length || costType == null || endpoints == null || endpoints.dsts == null) {
            throw Decline.INSTANCE;
        }
        return new EndpointCostScan(body, costType, constraints == null ? List.of() : constraints,
                endpoints.srcs == null ? new EndpointCostScan.Endpoints(body) : endpoints.srcs, endpoints.dsts);
    }

    private CostType costType() {
        String mode = null;
        String metric = null;
        String description = null;
        expect('{');
        do {
            switch (fieldName()) {
                case "cost-mode" -> mode = once(mode, this::string);
                case "cost-metric" -> metric = once(metric, this::string);
                case "description" -> description = once(description, this::string);
                default -> throw Decline.INSTANCE;
            }
        } while (tryConsume(','));
        expect('}');
        if (mode == null || metric == null || !CostMetrics.isValidName(metric)) {
            throw Decline.INSTANCE;
        }
        CostMode costMode = CostMode.fromWire(mode).orElseThrow(() -> Decline.INSTANCE);
        return new CostType(metric, costMode, Optional.ofNullable(description));
    }

    private List<CostConstraint> constraints() {
        List<CostConstraint> constraints = new ArrayList<>();
        expect('[');
        if (!tryConsume(']')) {
            do {
                constraints.add(CostConstraint.parse(string()).orElseThrow(() -> Decline.INSTANCE));
            } while (tryConsume(','));
            expect(']');
        }
        return constraints;
    }

    private record Endpoints(EndpointCostScan.Endpoints srcs, EndpointCostScan.Endpoints dsts) {
    }

    private Endpoints endpoints() {
        EndpointCostScan.Endpoints srcs = null;
        EndpointCostScan.Endpoints dsts = null;
        expect('{');
        if (!tryConsume('}')) {
            do {
                switch (fieldName()) {
                    case "srcs" -> srcs = once(srcs, this::addresses);
                    case "dsts" -> dsts = once(dsts, this::addresses);
                    default -> throw Decline.INSTANCE;
                }
            } while (tryConsume(','));
            expect('}');
        }
        return new Endpoints(srcs, dsts);
    }

    private EndpointCostScan.Endpoints addresses() {
        EndpointCostScan.Endpoints addresses = new EndpointCostScan.Endpoints(body);
        expect('[');
        if (!tryConsume(']')) {
            long[] bits = new long[2];
            do {
                expect('"');
                int start = at;
                int end = TypedAddress.scanIpv4(body, start, bits);
                if (end >= 0 && end < body.length && body[end] == '"') {
                    at = end + 1; // the usual case, read in one pass
                } else {
                    end = stringEnd();
                    if (TypedAddress.parseBits(body, start, end, bits) == null) {
                        throw Decline.INSTANCE;
                    }
                }
                addresses.add(start, end, bits[0], bits[1]);
            } while (tryConsume(','));
            expect(']');
        }
        return addresses;
    }

    /** A field's value, read only if the field has not been seen yet (Jackson reports repeats). */
    private static <T> T once(T previous, Supplier<T> value) {
        if (previous != null) {
            throw Decline.INSTANCE;
        }
        return value.get();
    }

    private String fieldName() {
        String name = string();
        expect(':');
        return name;
    }

    /** A string of printable ASCII without escapes, which is what addresses and names are made of. */
    private String string() {
        expect('"');
        int start = at;
        return new String(body, start, stringEnd() - start, StandardCharsets.US_ASCII);
    }

    /** Moves past the closing quote of the string that starts here; returns the quote's index. */
    private int stringEnd() {
        while (at < body.length) {
            byte b = body[at];
            if (b == '"') {
                return at++;
            }
            if (b == '\\' || b < 0x20) { // also every byte >= 0x80: bytes are signed
                throw Decline.INSTANCE;
            }
            at++;
        }
        throw Decline.INSTANCE;
    }

    private void expect(char c) {
        if (!tryConsume(c)) {
            throw Decline.INSTANCE;
        }
    }

    private boolean tryConsume(char c) {
        skipWhitespace();
        if (at < body.length && body[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (at < body.length && (body[at] == ' ' || body[at] == '\n' || body[at] == '\r' || body[at] == '\t')) {
            at++;
        }
    }
}
