package io.altokit.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes RFC 7285 responses as compact JSON bytes with Jackson's streaming generator. */
public final class ResponseEncoder {
    /** Responses are encoded on a few long-lived event loop threads: per-thread buffers are ideal. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();
    /** Integral costs up to this magnitude are written without a fraction ("1", not "1.0"). */
    private static final double MAX_EXACT_INTEGER = 1L << 53;
    private static final byte[] COST_MAP_TAIL = {'}', '}'};

    private ResponseEncoder() {
    }

    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] encode(Body body) {
        // Sized for a typical endpoint cost answer (100 destinations), so it rarely grows.
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    public static byte[] directory(Directory directory) {
        return encode(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("meta");
            json.writeObjectFieldStart("cost-types");
            for (Map.Entry<String, CostType> type : directory.costTypes().entrySet()) {
                json.writeFieldName(type.getKey());
                writeCostType(json, type.getValue());
            }
            json.writeEndObject();
            if (directory.defaultNetworkMap().isPresent()) {
                json.writeStringField("default-alto-network-map", directory.defaultNetworkMap().get());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("resources");
            for (Map.Entry<String, Directory.Entry> resource : directory.resources().entrySet()) {
                json.writeFieldName(resource.getKey());
                writeDirectoryEntry(json, resource.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    public static byte[] networkMap(NetworkMapResponse map) {
        return encode(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("meta");
            json.writeFieldName("vtag");
            writeVtag(json, map.vtag());
            json.writeEndObject();
            json.writeObjectFieldStart("network-map");
            for (Map.Entry<String, Map<AddressType, List<String>>> pid : map.pids().entrySet()) {
                writeNetworkMapEntry(json, pid.getKey(), pid.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /**
     * The part of {@link #networkMap} before its PIDs, up to and including the brace that opens
     * {@code "network-map"}: a full map is this head, its {@link #networkMapEntry entries} joined by
     * commas, and {@link #costMapTail()} (the same two closing braces), byte for byte.
     */
    public static byte[] networkMapHead(VersionTag vtag) {
        byte[] empty = networkMap(new NetworkMapResponse(vtag, Map.of()));
        return Arrays.copyOf(empty, empty.length - COST_MAP_TAIL.length);
    }

    /** One PID's entry of {@link #networkMap}, {@code "pid":{"ipv4":[...],...}}, as written there. */
    public static byte[] networkMapEntry(String pid, Map<AddressType, List<String>> groups) {
        byte[] object = encode(json -> {
            json.writeStartObject();
            writeNetworkMapEntry(json, pid, groups);
            json.writeEndObject();
        });
        return Arrays.copyOfRange(object, 1, object.length - 1); // the entry without the braces around it
    }

    private static void writeNetworkMapEntry(JsonGenerator json, String pid, Map<AddressType, List<String>> groups)
            throws IOException {
        json.writeObjectFieldStart(pid);
        for (Map.Entry<AddressType, List<String>> group : groups.entrySet()) {
            writeStrings(json, group.getKey().wireName(), group.getValue());
        }
        json.writeEndObject();
    }

    public static byte[] costMap(CostMapResponse map) {
        return encode(costs(map, "cost-map"));
    }

    /**
     * The part of {@link #costMap} before its rows: everything up to and including the brace that
     * opens {@code "cost-map"}. A full map is this head, its non-empty {@link #costMapRow rows}
     * joined by commas, and {@link #costMapTail()}, byte for byte; so a map whose rows are kept
     * re-encodes only the rows that changed.
     */
    public static byte[] costMapHead(List<VersionTag> dependentVtags, CostType costType) {
        byte[] empty = costMap(new CostMapResponse(dependentVtags, costType, new CostTable(List.of(), List.of(), new double[0])));
        return Arrays.copyOf(empty, empty.length - COST_MAP_TAIL.length);
    }

    /** What closes a full cost map after its rows: the {@code "cost-map"} object and the response. */
    public static byte[] costMapTail() {
        return COST_MAP_TAIL.clone();
    }

    /**
     * One source's row of {@link #costMap}, {@code "src":{"dst":cost,...}} as written there, from
     * {@code costs} (one per destination, NaN left out); empty when no cost is present, as the
     * full map then leaves the row out.
     */
    public static byte[] costMapRow(String src, List<String> dsts, double[] costs) {
        byte[] object = encode(json -> {
            json.writeStartObject();
            writeCostRow(json, src, dsts, costs, 0);
            json.writeEndObject();
        });
        return Arrays.copyOfRange(object, 1, object.length - 1); // the row without the braces around it
    }

    public static byte[] endpointCostMap(CostMapResponse map) {
        return encode(costs(map, "endpoint-cost-map"));
    }

    private static Body costs(CostMapResponse map, String dataField) {
        return json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("meta");
            if (!map.dependentVtags().isEmpty()) {
                writeVtags(json, map.dependentVtags());
            }
            json.writeFieldName("cost-type");
            writeCostType(json, map.costType());
            json.writeEndObject();
            json.writeObjectFieldStart(dataField);
            writeCostRows(json, map.costs());
            json.writeEndObject();
            json.writeEndObject();
        };
    }

    /** RFC 8189 4.1.3: a filtered cost map answering {@code multi-cost-types}. */
    public static byte[] multiCostMap(MultiCostMapResponse map) {
        return encode(multiCosts(map, "cost-map"));
    }

    /** RFC 8189 4.2.3: an endpoint cost map answering {@code multi-cost-types}. */
    public static byte[] endpointMultiCostMap(MultiCostMapResponse map) {
        return encode(multiCosts(map, "endpoint-cost-map"));
    }

    /**
     * RFC 8189 3.1: the cost types in {@code multi-cost-types}, in the request's order, and an empty
     * {@code cost-type} (RFC 7285 requires the field); each present pair's costs as an array in that order.
     */
    private static Body multiCosts(MultiCostMapResponse map, String dataField) {
        return json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("meta");
            if (!map.dependentVtags().isEmpty()) {
                writeVtags(json, map.dependentVtags());
            }
            writeMultiCostTypes(json, map.costTypes());
            json.writeEndObject();
            writePresentPairs(json, dataField, map.shape(), map::isPresent, (out, src, dst) -> {
                out.writeStartArray();
                for (double cost : map.costs(src, dst)) {
                    if (Double.isNaN(cost)) {
                        out.writeNull(); // RFC 8189 5.2: a cost the server does not have
                    } else {
                        writeCost(out, cost);
                    }
                }
                out.writeEndArray();
            });
            json.writeEndObject();
        };
    }

    /** RFC 8896 4.2.2: a filtered cost map with cost calendars. */
    public static byte[] calendarCostMap(CalendarCostMapResponse map) {
        return encode(calendarCosts(map, "cost-map"));
    }

    /** RFC 8896 4.3.2: an endpoint cost map with cost calendars. */
    public static byte[] endpointCalendarCostMap(CalendarCostMapResponse map) {
        return encode(calendarCosts(map, "endpoint-cost-map"));
    }

    /**
     * RFC 8896: the meta of a single- or multi-cost answer plus {@code calendar-response-attributes};
     * a calendared cost is the array of its interval values, in a multi-cost answer inside the
     * pair's array, where a cost type not calendared keeps its single value.
     */
    private static Body calendarCosts(CalendarCostMapResponse map, String dataField) {
        return json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("meta");
            if (!map.dependentVtags().isEmpty()) {
                writeVtags(json, map.dependentVtags());
            }
            if (map.multiCost()) {
                writeMultiCostTypes(json, map.costTypes());
            } else {
                json.writeFieldName("cost-type");
                writeCostType(json, map.costTypes().getFirst());
            }
            json.writeArrayFieldStart("calendar-response-attributes");
            for (CalendarResponseAttributes calendar : map.calendars()) {
                writeCalendar(json, calendar);
            }
            json.writeEndArray();
            json.writeEndObject();
            CostTable shape = map.shape();
            writePresentPairs(json, dataField, shape, shape::isPresent, (out, src, dst) -> {
                int pair = src * shape.dsts().size() + dst;
                if (map.multiCost()) {
                    out.writeStartArray();
                }
                for (int t = 0; t < map.costTypes().size(); t++) {
                    writeCalendarCost(out, map.tables().get(t), map.calendared().get(t), pair);
                }
                if (map.multiCost()) {
                    out.writeEndArray();
                }
            });
            json.writeEndObject();
        };
    }

    /** RFC 8189 3.1: an empty {@code cost-type} (RFC 7285 requires the field), then {@code multi-cost-types} in the request's order. */
    private static void writeMultiCostTypes(JsonGenerator json, List<CostType> types) throws IOException {
        json.writeObjectFieldStart("cost-type");
        json.writeEndObject();
        json.writeArrayFieldStart("multi-cost-types");
        for (CostType type : types) {
            writeCostType(json, type);
        }
        json.writeEndArray();
    }

    /** Whether a cost answer has a value for a source-destination pair. */
    @FunctionalInterface
    private interface PairTest {
        boolean present(int src, int dst);
    }

    /** Writes a present pair's value. */
    @FunctionalInterface
    private interface PairWriter {
        void write(JsonGenerator json, int src, int dst) throws IOException;
    }

    /** The {@code dataField} object of a cost answer: per source with a present pair, one field per present destination. */
    private static void writePresentPairs(JsonGenerator json, String dataField, CostTable shape, PairTest present,
                                          PairWriter value) throws IOException {
        json.writeObjectFieldStart(dataField);
        for (int src = 0; src < shape.srcs().size(); src++) {
            boolean open = false;
            for (int dst = 0; dst < shape.dsts().size(); dst++) {
                if (!present.present(src, dst)) {
                    continue;
                }
                if (!open) {
                    json.writeObjectFieldStart(shape.srcs().get(src));
                    open = true;
                }
                json.writeFieldName(shape.dsts().get(dst));
                value.write(json, src, dst);
            }
            if (open) {
                json.writeEndObject();
            }
        }
        json.writeEndObject();
    }

    /** A cost type's value for one pair: the array of its intervals' values if calendared, else its value. */
    private static void writeCalendarCost(JsonGenerator json, List<CostTable> tables, boolean calendared, int pair) throws IOException {
        if (!calendared) {
            writeCost(json, tables.getFirst().values()[pair]);
            return;
        }
        json.writeStartArray();
        for (CostTable interval : tables) {
            writeCost(json, interval.values()[pair]);
        }
        json.writeEndArray();
    }

    private static void writeCalendar(JsonGenerator json, CalendarResponseAttributes calendar) throws IOException {
        json.writeStartObject();
        if (!calendar.costTypeNames().isEmpty()) {
            writeStrings(json, "cost-type-names", calendar.costTypeNames());
        }
        json.writeStringField("calendar-start-time", calendar.calendarStartTime());
        json.writeNumberField("time-interval-size", calendar.timeIntervalSize());
        json.writeNumberField("number-of-intervals", calendar.numberOfIntervals());
        if (calendar.repeated().isPresent()) {
            json.writeNumberField("repeated", calendar.repeated().getAsInt());
        }
        json.writeEndObject();
    }

    public static byte[] endpointProperties(EndpointPropertyResponse response) {
        return encode(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("meta");
            writeVtags(json, response.dependentVtags());
            json.writeEndObject();
            json.writeObjectFieldStart("endpoint-properties");
            for (Map.Entry<String, Map<String, String>> endpoint : response.properties().entrySet()) {
                json.writeObjectFieldStart(endpoint.getKey());
                for (Map.Entry<String, String> property : endpoint.getValue().entrySet()) {
                    json.writeStringField(property.getKey(), property.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** RFC 9240 7.6: a property map, full or filtered; an empty value is JSON null (no value, not inherited). */
    public static byte[] propertyMap(PropertyMapResponse response) {
        return encode(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("meta");
            writeVtags(json, response.dependentVtags());
            json.writeEndObject();
            json.writeObjectFieldStart("property-map");
            for (Map.Entry<String, Map<String, Optional<String>>> entity : response.properties().entrySet()) {
                json.writeObjectFieldStart(entity.getKey());
                for (Map.Entry<String, Optional<String>> property : entity.getValue().entrySet()) {
                    json.writeFieldName(property.getKey());
                    if (property.getValue().isPresent()) {
                        json.writeString(property.getValue().get());
                    } else {
                        json.writeNull();
                    }
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    public static byte[] error(AltoError error) {
        return encode(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("meta");
            json.writeStringField("code", error.code().name());
            if (error.field().isPresent()) {
                json.writeStringField("field", error.field().get());
            }
            if (error.value().isPresent()) {
                json.writeStringField("value", error.value().get());
            }
            if (error.syntaxError().isPresent()) {
                json.writeStringField("syntax-error", error.syntaxError().get());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void writeDirectoryEntry(JsonGenerator json, Directory.Entry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("uri", entry.uri());
        json.writeStringField("media-type", entry.mediaType());
        if (entry.accepts().isPresent()) {
            json.writeStringField("accepts", entry.accepts().get());
        }
        Directory.Capabilities capabilities = entry.capabilities();
        if (!capabilities.equals(Directory.Capabilities.NONE)) {
            json.writeObjectFieldStart("capabilities");
            if (!capabilities.costTypeNames().isEmpty()) {
                writeStrings(json, "cost-type-names", capabilities.costTypeNames());
            }
            if (capabilities.costConstraints().isPresent()) {
                json.writeBooleanField("cost-constraints", capabilities.costConstraints().get());
            }
            if (capabilities.maxCostTypes() > 0) {
                json.writeNumberField("max-cost-types", capabilities.maxCostTypes());
            }
            if (!capabilities.testableCostTypeNames().isEmpty()) {
                writeStrings(json, "testable-cost-type-names", capabilities.testableCostTypeNames());
            }
            if (!capabilities.propTypes().isEmpty()) {
                writeStrings(json, "prop-types", capabilities.propTypes());
            }
            if (!capabilities.calendarAttributes().isEmpty()) {
                json.writeArrayFieldStart("calendar-attributes");
                for (CalendarAttributes calendar : capabilities.calendarAttributes()) {
                    json.writeStartObject();
                    writeStrings(json, "cost-type-names", calendar.costTypeNames());
                    json.writeFieldName("time-interval-size");
                    writeCost(json, calendar.timeIntervalSize());
                    json.writeNumberField("number-of-intervals", calendar.numberOfIntervals());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            if (!capabilities.incrementalChangeMediaTypes().isEmpty()) {
                json.writeObjectFieldStart("incremental-change-media-types");
                for (Map.Entry<String, String> types : capabilities.incrementalChangeMediaTypes().entrySet()) {
                    json.writeStringField(types.getKey(), types.getValue());
                }
                json.writeEndObject();
            }
            if (!capabilities.mappings().isEmpty()) {
                json.writeObjectFieldStart("mappings");
                for (Map.Entry<String, List<String>> domain : capabilities.mappings().entrySet()) {
                    writeStrings(json, domain.getKey(), domain.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        if (!entry.uses().isEmpty()) {
            writeStrings(json, "uses", entry.uses());
        }
        json.writeEndObject();
    }

    /** Also writes the cost types of requests ({@link RequestEncoder}). */
    static void writeCostType(JsonGenerator json, CostType type) throws IOException {
        json.writeStartObject();
        json.writeStringField("cost-mode", type.mode().wireName());
        json.writeStringField("cost-metric", type.metric());
        if (type.context().isPresent()) {
            CostContext context = type.context().get();
            json.writeObjectFieldStart("cost-context");
            json.writeStringField("cost-source", context.source().wireName());
            if (context.parameters().isPresent()) {
                json.writeFieldName("parameters");
                json.writeRawValue(context.parameters().get());
            }
            json.writeEndObject();
        }
        if (type.description().isPresent()) {
            json.writeStringField("description", type.description().get());
        }
        json.writeEndObject();
    }

    static void writeVtags(JsonGenerator json, List<VersionTag> vtags) throws IOException {
        json.writeArrayFieldStart("dependent-vtags");
        for (VersionTag vtag : vtags) {
            writeVtag(json, vtag);
        }
        json.writeEndArray();
    }

    static void writeVtag(JsonGenerator json, VersionTag vtag) throws IOException {
        json.writeStartObject();
        json.writeStringField("resource-id", vtag.resourceId());
        json.writeStringField("tag", vtag.tag());
        json.writeEndObject();
    }

    static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** One object per source with at least one present cost; absent (NaN) pairs are left out. */
    private static void writeCostRows(JsonGenerator json, CostTable table) throws IOException {
        int width = table.dsts().size();
        for (int src = 0; src < table.srcs().size(); src++) {
            writeCostRow(json, table.srcs().get(src), table.dsts(), table.values(), src * width);
        }
    }

    /** The row of {@code src} from {@code values[offset..offset + dsts.size())}; nothing when no cost is present. */
    private static void writeCostRow(JsonGenerator json, String src, List<String> dsts, double[] values, int offset)
            throws IOException {
        boolean open = false;
        for (int dst = 0; dst < dsts.size(); dst++) {
            double cost = values[offset + dst];
            if (Double.isNaN(cost)) {
                continue;
            }
            if (!open) {
                json.writeObjectFieldStart(src);
                open = true;
            }
            json.writeFieldName(dsts.get(dst));
            writeCost(json, cost);
        }
        if (open) {
            json.writeEndObject();
        }
    }

    /** Whether a number is written without a fraction ("1", not "1.0"); every encoder of costs agrees. */
    public static boolean isExactInteger(double value) {
        return value == Math.rint(value) && Math.abs(value) < MAX_EXACT_INTEGER;
    }

    static void writeCost(JsonGenerator json, double cost) throws IOException {
        if (isExactInteger(cost)) {
            json.writeNumber((long) cost);
        } else {
            json.writeNumber(cost);
        }
    }
}
