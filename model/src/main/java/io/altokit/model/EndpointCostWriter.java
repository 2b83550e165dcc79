package io.altokit.model;

import java.util.Arrays;

/**
 * Writes the endpoint cost map answering an {@link EndpointCostScan} straight into bytes, copying
 * each endpoint's text from the request body: the fast path's counterpart of {@link
 * ResponseEncoder#endpointCostMap}, and byte for byte the same output. No escaping is needed: the
 * scanner admits only strings of printable ASCII without quotes or backslashes, and cost metric
 * names are restricted to letters, digits and {@code - : _ .}.
 */
public final class EndpointCostWriter {
    /** Longest cost text: a long's digits, or Double.toString's at most 24 characters. */
    private static final int MAX_NUMBER_LENGTH = 24;

    private final byte[] body;
    private byte[] out;
    private int size;

    private EndpointCostWriter(byte[] body, int capacity) {
        this.body = body;
        this.out = new byte[capacity];
    }

    /**
     * The answer over distinct endpoints, given by their index in the request's sources and
     * destinations, and their row-major cost table (NaN: pair left out, RFC 7285 11.5.1.6).
     */
    public static byte[] endpointCostMap(EndpointCostScan request, int[] srcs, int[] dsts, double[] values) {
        if (values.length != srcs.length * dsts.length) {
            throw new IllegalArgumentException(values.length + " values for " + srcs.length + " x " + dsts.length + " pairs");
        }
        EndpointCostScan.Endpoints srcEndpoints = request.srcs();
        EndpointCostScan.Endpoints dstEndpoints = request.dsts();
        int dstBytes = 0;
        for (int dst : dsts) {
            dstBytes += dstEndpoints.textEnd(dst) - dstEndpoints.textStart(dst) + 4 + MAX_NUMBER_LENGTH;
        }
        int capacity = 256 + request.costType().description().map(String::length).orElse(0);
        for (int src : srcs) {
            capacity += srcEndpoints.textEnd(src) - srcEndpoints.textStart(src) + 6 + dstBytes;
        }
        EndpointCostWriter writer = new EndpointCostWriter(request.body(), capacity);
        writer.ascii("{\"meta\":{\"cost-type\":{\"cost-mode\":\"").ascii(request.costType().mode().wireName())
                .ascii("\",\"cost-metric\":\"").ascii(request.costType().metric()).ascii("\"");
        request.costType().description().ifPresent(text -> writer.ascii(",\"description\":\"").ascii(text).ascii("\""));
        writer.ascii("}},\"endpoint-cost-map\":{");
        boolean firstRow = true;
        for (int i = 0; i < srcs.length; i++) {
            boolean open = false;
            for (int j = 0; j < dsts.length; j++) {
                double cost = values[i * dsts.length + j];
                if (Double.isNaN(cost)) {
                    continue;
                }
                if (!open) {
                    writer.ascii(firstRow ? "\"" : ",\"").text(srcEndpoints, srcs[i]).ascii("\":{");
                    firstRow = false;
                }
                writer.entry(open, dstEndpoints, dsts[j], cost);
                open = true;
            }
            if (open) {
                writer.ascii("}");
            }
        }
        writer.ascii("}}");
        return Arrays.copyOf(writer.out, writer.size);
    }

    private EndpointCostWriter text(EndpointCostScan.Endpoints endpoints, int index) {
        int start = endpoints.textStart(index);
        int length = endpoints.textEnd(index) - start;
        ensure(length);
        System.arraycopy(body, start, out, size, length);
        size += length;
        return this;
    }

    /** {@code "text":cost}, after a comma unless first: the inner loop, so with one capacity check. */
    private void entry(boolean comma, EndpointCostScan.Endpoints endpoints, int index, double cost) {
        int start = endpoints.textStart(index);
        int length = endpoints.textEnd(index) - start;
        ensure(length + 4 + MAX_NUMBER_LENGTH);
        byte[] bytes = out;
        int at = size;
        if (comma) {
            bytes[at++] = ',';
        }
        bytes[at++] = '"';
        System.arraycopy(body, start, bytes, at, length);
        at += length;
        bytes[at++] = '"';
        bytes[at++] = ':';
        size = at;
        cost(cost);
    }

    private EndpointCostWriter ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            out[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    /** The capacity estimate is an upper bound; growing is only the safety net. */
    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(2 * out.length, size + more));
        }
    }

    private void cost(double cost) {
        if (ResponseEncoder.isExactInteger(cost)) {
            digits((long) cost);
        } else {
            ascii(Double.toString(cost));
        }
    }

    /** An integer of at most 16 digits; the caller ensured the capacity. */
    private void digits(long value) {
        if (value < 0) {
            out[size++] = '-';
            value = -value;
        }
        if (value < 10) { // ordinal ranks mostly
            out[size++] = (byte) ('0' + value);
            return;
        }
        int length = 2;
        for (long rest = value / 100; rest > 0; rest /= 10) {
            length++;
        }
        for (int i = size + length - 1; i >= size; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += length;
    }
}
