package io.altokit.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint cost request as the fast path reads it ({@link #read(byte[])}): the cost type and
 * constraints as values, and each endpoint as its address bits plus where its text lies in the
 * body, so an answer can be written without making a string per endpoint. Every endpoint text is
 * printable ASCII without quotes or backslashes: it can be copied into JSON output as it is.
 */
public final class EndpointCostScan implements EndpointCostQuery {
    private final byte[] body;
    private final CostType costType;
    private final List<CostConstraint> constraints;
    private final Endpoints srcs;
    private final Endpoints dsts;

    EndpointCostScan(byte[] body, CostType costType, List<CostConstraint> constraints, Endpoints srcs, Endpoints dsts) {
        this.body = body;
        this.costType = costType;
        this.constraints = List.copyOf(constraints);
        this.srcs = srcs;
        this.dsts = dsts;
    }

    /**
     * The request, or empty when the body is not in the plain shape the scanner reads (see {@link
     * EndpointCostScanner}); {@link RequestDecoder#endpointCost(byte[])} decides those.
     */
    public static Optional<EndpointCostScan> read(byte[] body) {
        return EndpointCostScanner.scan(body);
    }

    public byte[] body() {
        return body;
    }

    public CostType costType() {
        return costType;
    }

    public List<CostConstraint> constraints() {
        return constraints;
    }

    /** Empty when the request names no sources (the client's own address is meant). */
    public Endpoints srcs() {
        return srcs;
    }

    public Endpoints dsts() {
        return dsts;
    }

    /** The same request as {@link RequestDecoder#endpointCost(byte[])} returns it. */
    public EndpointCostRequest toRequest() {
        return new EndpointCostRequest(costType, constraints, srcs.toList(), dsts.toList());
    }

    /** Endpoints in request order, duplicates included. */
    public static final class Endpoints {
        /** Requests name one source or a few and up to some hundred destinations: start small, grow fast. */
        private static final int INITIAL_CAPACITY = 8;
        private static final int GROWTH = 4;

        private int size;
        /** Per endpoint: where its text starts and ends in the body. */
        private int[] texts = new int[2 * INITIAL_CAPACITY];
        /** Per endpoint: the high and low halves of its address. */
        private long[] bits = new long[2 * INITIAL_CAPACITY];
        private final byte[] body;

        Endpoints(byte[] body) {
            this.body = body;
        }

        void add(int textStart, int textEnd, long high, long low) {
            if (2 * size == texts.length) {
                texts = Arrays.copyOf(texts, GROWTH * texts.length);
                bits = Arrays.copyOf(bits, GROWTH * bits.length);
            }
            texts[2 * size] = textStart;
            texts[2 * size + 1] = textEnd;
            bits[2 * size] = high;
            bits[2 * size + 1] = low;
            size++;
        }

        public int size() {
            return size;
        }

        /** Where the i-th endpoint's text ("ipv4:...") starts in the body; it ends at {@link #textEnd}. */
        public int textStart(int i) {
            return texts[2 * Objects.checkIndex(i, size)];
        }

        public int textEnd(int i) {
            return texts[2 * Objects.checkIndex(i, size) + 1];
        }

        public AddressType type(int i) {
            return body[textStart(i) + 3] == '4' ? AddressType.IPV4 : AddressType.IPV6; // "ipv4:" or "ipv6:"
        }

        /** The address bits in the left-aligned layout of {@link IpBits}. */
        public long high(int i) {
            return bits[2 * Objects.checkIndex(i, size)];
        }

        public long low(int i) {
            return bits[2 * Objects.checkIndex(i, size) + 1];
        }

        List<TypedAddress> toList() {
            List<TypedAddress> addresses = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                String text = new String(body, textStart(i), textEnd(i) - textStart(i), StandardCharsets.US_ASCII);
                addresses.add(new TypedAddress(type(i), high(i), low(i), text));
            }
            return addresses;
        }
    }
}
