package io.altokit.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

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

    /** RFC 7285 11.3.2.3 ReqFilteredCostMap, with RFC 8189's fields when the cost selection needs them. */
    public static byte[] costMapFilter(CostMapFilter filter) {
        return encode(json -> {
            writeCosts(json, filter.costs());
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

    /** RFC 9240 8.3 ReqFilteredPropertyMap. */
    public static byte[] propertyMap(PropertyMapRequest request) {
        return encode(json -> {
            ResponseEncoder.writeStrings(json, "entities", request.entities());
            ResponseEncoder.writeStrings(json, "properties", request.properties());
        });
    }

    /** RFC 7285 11.5.1.3 ReqEndpointCostMap, with RFC 8189's fields when the cost selection needs them. */
    public static byte[] endpointCost(EndpointCostRequest request) {
        return encode(json -> {
            writeCosts(json, request.costs());
            json.writeObjectFieldStart("endpoints");
            if (!request.srcs().isEmpty()) {
                ResponseEncoder.writeStrings(json, "srcs", request.srcs().stream().map(TypedAddress::text).toList());
            }
            ResponseEncoder.writeStrings(json, "dsts", request.dsts().stream().map(TypedAddress::text).toList());
            json.writeEndObject();
        });
    }

    /**
     * The cost fields: {@code cost-type} or {@code multi-cost-types}, {@code testable-cost-types} when given,
     * and the tests as {@code constraints} (without indexes when RFC 7285 can read them) or {@code or-constraints}.
     */
    private static void writeCosts(JsonGenerator json, CostSelection costs) throws IOException {
        if (costs.multiCost()) {
            writeCostTypes(json, "multi-cost-types", costs.costTypes());
        } else {
            json.writeFieldName("cost-type");
            ResponseEncoder.writeCostType(json, costs.costType());
        }
        if (costs.testableCostTypes().isPresent()) {
            writeCostTypes(json, "testable-cost-types", costs.testableCostTypes().get());
        }
        if (costs.disjunctive()) {
            json.writeArrayFieldStart("or-constraints");
            for (List<CostTest> alternative : costs.alternatives()) {
                writeTests(json, alternative, false);
            }
            json.writeEndArray();
        } else if (!costs.alternatives().isEmpty()) {
            json.writeFieldName("constraints");
            writeTests(json, costs.alternatives().getFirst(), costs.isPlain());
        }
        if (!costs.calendared().isEmpty()) {
            json.writeArrayFieldStart("calendared");
            for (boolean calendared : costs.calendared()) {
                json.writeBoolean(calendared);
            }
            json.writeEndArray();
        }
    }

    private static void writeCostTypes(JsonGenerator json, String field, List<CostType> types) throws IOException {
        json.writeArrayFieldStart(field);
        for (CostType type : types) {
            ResponseEncoder.writeCostType(json, type);
        }
        json.writeEndArray();
    }

    private static void writeTests(JsonGenerator json, List<CostTest> tests, boolean plain) throws IOException {
        json.writeStartArray();
        for (CostTest test : tests) {
            json.writeString(test.wireText(plain));
        }
        json.writeEndArray();
    }
}
