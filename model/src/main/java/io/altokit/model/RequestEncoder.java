package io.altokit.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes the RFC 7285 request bodies a client POSTs as compact JSON: the counterpart of {@link
 * RequestDecoder}. Optional parts that carry nothing (no constraints, no PID filter, the client's own
 * address as the only source) are left out, which means the same to the server.
 */
public final class RequestEncoder {
    /** Clients encode on arbitrary (possibly virtual) threads: no thread-local buffer pool here. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private RequestEncoder() {
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] encode(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** RFC 7285 11.3.1.3 ReqFilteredNetworkMap. */
    public static byte[] networkMapFilter(NetworkMapFilter filter) {
        return encode(json -> {
            ResponseEncoder.writeStrings(json, "pids", filter.pids());
            if (!filter.addressTypes().isEmpty()) {
                ResponseEncoder.writeStrings(json, "address-types", filter.addressTypes().stream()
                        .sorted(Comparator.naturalOrder()).map(AddressType::wireName).toList());
            }
        });
    }

    /** RFC 7285 11.3.2.3 ReqFilteredCostMap. */
    public static byte[] costMapFilter(CostMapFilter filter) {
        return encode(json -> {
            json.writeFieldName("cost-type");
            ResponseEncoder.writeCostType(json, filter.costType());
            writeConstraints(json, filter.constraints());
            if (!filter.srcPids().isEmpty() || !filter.dstPids().isEmpty()) {
                json.writeObjectFieldStart("pids");
                ResponseEncoder.writeStrings(json, "srcs", filter.srcPids());
                ResponseEncoder.writeStrings(json, "dsts", filter.dstPids());
                json.writeEndObject();
            }
        });
    }

    /** RFC 7285 11.4.1.3 ReqEndpointProp. */
    public static byte[] endpointProperties(EndpointPropertyRequest request) {
        return encode(json -> {
            ResponseEncoder.writeStrings(json, "properties", request.properties());
            ResponseEncoder.writeStrings(json, "endpoints", request.endpoints().stream().map(TypedAddress::text).toList());
        });
    }

    /** RFC 7285 11.5.1.3 ReqEndpointCostMap. */
    public static byte[] endpointCost(EndpointCostRequest request) {
        return encode(json -> {
            json.writeFieldName("cost-type");
            ResponseEncoder.writeCostType(json, request.costType());
            writeConstraints(json, request.constraints());
            json.writeObjectFieldStart("endpoints");
            if (!request.srcs().isEmpty()) {
                ResponseEncoder.writeStrings(json, "srcs", request.srcs().stream().map(TypedAddress::text).toList());
            }
            ResponseEncoder.writeStrings(json, "dsts", request.dsts().stream().map(TypedAddress::text).toList());
            json.writeEndObject();
        });
    }

    private static void writeConstraints(JsonGenerator json, List<CostConstraint> constraints) throws IOException {
        if (constraints.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart("constraints");
        for (CostConstraint constraint : constraints) {
            double bound = constraint.bound();
            String number = ResponseEncoder.isExactInteger(bound)
                    ? Long.toString((long) bound) : Double.toString(bound);
            json.writeString(constraint.operator().name().toLowerCase(Locale.ROOT) + " " + number);
        }
        json.writeEndArray();
    }
}
