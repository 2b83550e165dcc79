package io.altokit.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.altokit.model.JsonReader.required;

/**
 * Strict decoding of the RFC 7285 response bodies a client receives: the counterpart of {@link
 * ResponseEncoder}. Every deviation (not JSON, a missing or wrong-typed field, an invalid PID name,
 * cost type, address or prefix) is an {@link AltoException} whose error names the field's full path
 * ("meta/cost-type/cost-mode", "meta/dependent-vtags[0]/tag"); no input makes it throw anything else.
 * Unknown fields are ignored (RFC 7285 8.3.7), as are address types this version does not know
 * (RFC 7285 11.2.1.6).
 */
public final class ResponseDecoder {
    private static final String WHAT = "response body";

    private ResponseDecoder() {
    }

    /** RFC 7285 9.2: the information resource directory; resources keep the server's order. */
    public static Directory directory(byte[] body) {
        return JsonReader.decode(body, WHAT, reader -> {
            var fields = new Object() {
                Map<String, CostType> costTypes = Map.of();
                Optional<String> defaultNetworkMap = Optional.empty();
                Map<String, Directory.Entry> resources;
            };
            reader.object("", (name, path) -> {
                switch (name) {
                    case "meta" -> reader.object(path, (metaField, metaPath) -> {
                        switch (metaField) {
                            case "cost-types" -> {
                                Map<String, CostType> types = new LinkedHashMap<>();
                                reader.object(metaPath, (typeName, typePath) -> RequestDecoder.listedCostType(reader, typePath)
                                        .ifPresent(type -> types.put(typeName, type)));
                                fields.costTypes = types;
                            }
                            case "default-alto-network-map" -> fields.defaultNetworkMap =
                                    Optional.of(resourceId(reader, metaPath));
                            default -> reader.skip();
                        }
                    });
                    case "resources" -> {
                        Map<String, Directory.Entry> resources = new LinkedHashMap<>();
                        reader.object(path, (id, entryPath) -> {
                            if (!ResourceIds.isValid(id)) {
                                throw new AltoException(AltoError.invalidValue(path, id));
                            }
                            resources.put(id, directoryEntry(reader, entryPath));
                        });
                        fields.resources = resources;
                    }
                    default -> reader.skip();
                }
            });
            return new Directory(fields.costTypes, fields.defaultNetworkMap, required(fields.resources, "resources"));
        });
    }

    /** RFC 7285 11.2.1.6: a (full or filtered) network map. */
    public static NetworkMapResponse networkMap(byte[] body) {
        return JsonReader.decode(body, WHAT, reader -> {
            var fields = new Object() {
                VersionTag vtag;
                Map<String, Map<AddressType, List<String>>> pids;
            };
            reader.object("", (name, path) -> {
                switch (name) {
                    case "meta" -> metaField(reader, path, "vtag", metaPath -> fields.vtag = vtag(reader, metaPath));
                    case "network-map" -> {
                        Map<String, Map<AddressType, List<String>>> pids = new LinkedHashMap<>();
                        reader.object(path, (pid, pidPath) -> {
                            if (!PidNames.isValid(pid)) {
                                throw new AltoException(AltoError.invalidValue(path, pid));
                            }
                            Map<AddressType, List<String>> groups = new LinkedHashMap<>();
                            reader.object(pidPath, (typeName, typePath) -> {
                                Optional<AddressType> type = AddressType.fromWire(typeName);
                                if (type.isEmpty()) {
                                    reader.skip();
                                    return;
                                }
                                groups.put(type.get(), reader.stringArray(typePath,
                                        prefix -> isPrefix(type.get(), prefix) ? Optional.of(prefix) : Optional.empty()));
                            });
                            pids.put(pid, groups);
                        });
                        fields.pids = pids;
                    }
                    default -> reader.skip();
                }
            });
            return new NetworkMapResponse(required(fields.vtag, "meta/vtag"), required(fields.pids, "network-map"));
        });
    }

    /** RFC 7285 11.2.3.6: a (full or filtered) cost map; its meta must carry dependent vtags. */
    public static CostMapResponse costMap(byte[] body) {
        return costs(body, "cost-map", true, PidNames::isValid);
    }

    /** RFC 7285 11.5.1.6: an endpoint cost map, keyed by typed addresses. */
    public static CostMapResponse endpointCostMap(byte[] body) {
        return costs(body, "endpoint-cost-map", false, name -> TypedAddress.parse(name).isPresent());
    }

    /** RFC 8189 4.1.3: a filtered cost map answering {@code multi-cost-types}; its meta must carry dependent vtags. */
    public static MultiCostMapResponse multiCostMap(byte[] body) {
        return multiCosts(body, "cost-map", true, PidNames::isValid);
    }

    /** RFC 8189 4.2.3: an endpoint cost map answering {@code multi-cost-types}. */
    public static MultiCostMapResponse endpointMultiCostMap(byte[] body) {
        return multiCosts(body, "endpoint-cost-map", false, name -> TypedAddress.parse(name).isPresent());
    }

    /**
     * RFC 9240 7.6: a property map, full or filtered. Values are strings or null (no value), as
     * section 7.6 says a client should assume without an extension saying otherwise.
     */
    public static PropertyMapResponse propertyMap(byte[] body) {
        return JsonReader.decode(body, WHAT, reader -> {
            var fields = new Object() {
                List<VersionTag> dependentVtags = List.of();
                Map<String, Map<String, Optional<String>>> properties;
            };
            reader.object("", (name, path) -> {
                switch (name) {
                    case "meta" -> metaField(reader, path, "dependent-vtags", metaPath -> fields.dependentVtags = vtags(reader, metaPath));
                    case "property-map" -> {
                        Map<String, Map<String, Optional<String>>> entities = new LinkedHashMap<>();
                        reader.object(path, (entity, entityPath) -> {
                            if (entity.indexOf(':') <= 0) {
                                throw new AltoException(AltoError.invalidValue(path, entity));
                            }
                            Map<String, Optional<String>> properties = new LinkedHashMap<>();
                            reader.object(entityPath, (property, propertyPath) -> {
                                if (!EntityPropertyNames.isValidName(property)) {
                                    throw new AltoException(AltoError.invalidValue(entityPath, property));
                                }
                                properties.put(property, reader.nullableString(propertyPath));
                            });
                            entities.put(entity, properties);
                        });
                        fields.properties = entities;
                    }
                    default -> reader.skip();
                }
            });
            return new PropertyMapResponse(fields.dependentVtags, required(fields.properties, "property-map"));
        });
    }

    /** RFC 7285 11.4.1.6: endpoint properties; property values are strings. */
    public static EndpointPropertyResponse endpointProperties(byte[] body) {
        return JsonReader.decode(body, WHAT, reader -> {
            var fields = new Object() {
                List<VersionTag> dependentVtags = List.of();
                Map<String, Map<String, String>> properties;
            };
            reader.object("", (name, path) -> {
                switch (name) {
                    case "meta" -> metaField(reader, path, "dependent-vtags", metaPath -> fields.dependentVtags = vtags(reader, metaPath));
                    case "endpoint-properties" -> {
                        Map<String, Map<String, String>> endpoints = new LinkedHashMap<>();
                        reader.object(path, (endpoint, endpointPath) -> {
                            if (TypedAddress.parse(endpoint).isEmpty()) {
                                throw new AltoException(AltoError.invalidValue(path, endpoint));
                            }
                            Map<String, String> properties = new LinkedHashMap<>();
                            reader.object(endpointPath, (property, propertyPath) -> {
                                if (!EndpointProperties.isValidName(property)) {
                                    throw new AltoException(AltoError.invalidValue(endpointPath, property));
                                }
                                properties.put(property, reader.string(propertyPath));
                            });
                            endpoints.put(endpoint, properties);
                        });
                        fields.properties = endpoints;
                    }
                    default -> reader.skip();
                }
            });
            return new EndpointPropertyResponse(fields.dependentVtags, required(fields.properties, "endpoint-properties"));
        });
    }

    /** RFC 7285 8.5.2: the error object of an {@code application/alto-error+json} response. */
    public static AltoError error(byte[] body) {
        return JsonReader.decode(body, WHAT, reader -> {
            var fields = new Object() {
                boolean metaSeen;
                String code;
                Optional<String> field = Optional.empty();
                Optional<String> value = Optional.empty();
                Optional<String> syntaxError = Optional.empty();
            };
            reader.object("", (name, path) -> {
                if (!name.equals("meta")) {
                    reader.skip();
                    return;
                }
                fields.metaSeen = true;
                reader.object(path, (metaField, metaPath) -> {
                    switch (metaField) {
                        case "code" -> fields.code = reader.string(metaPath);
                        case "field" -> fields.field = Optional.of(reader.string(metaPath));
                        case "value" -> fields.value = Optional.of(reader.string(metaPath));
                        case "syntax-error" -> fields.syntaxError = Optional.of(reader.string(metaPath));
                        default -> reader.skip();
                    }
                });
            });
            required(fields.metaSeen ? Boolean.TRUE : null, "meta");
            String codeName = required(fields.code, "meta/code");
            ErrorCode code = Arrays.stream(ErrorCode.values()).filter(c -> c.name().equals(codeName)).findFirst()
                    .orElseThrow(() -> new AltoException(AltoError.invalidValue("meta/code", codeName)));
            if (fields.value.isPresent() && fields.field.isEmpty()) {
                throw new AltoException(AltoError.missingField("meta/field"));
            }
            return new AltoError(code, fields.field, fields.value, fields.syntaxError);
        });
    }

    private interface NameCheck {
        boolean isValid(String name);
    }

    private static CostMapResponse costs(byte[] body, String dataField, boolean vtagsRequired, NameCheck names) {
        return JsonReader.decode(body, WHAT, reader -> {
            var fields = new Object() {
                boolean metaSeen;
                List<VersionTag> dependentVtags;
                CostType costType;
                Map<String, Map<String, Double>> rows;
            };
            reader.object("", (name, path) -> {
                if (name.equals("meta")) {
                    fields.metaSeen = true;
                    reader.object(path, (metaField, metaPath) -> {
                        switch (metaField) {
                            case "dependent-vtags" -> fields.dependentVtags = vtags(reader, metaPath);
                            case "cost-type" -> fields.costType = RequestDecoder.costType(reader, metaPath);
                            default -> reader.skip();
                        }
                    });
                } else if (name.equals(dataField)) {
                    Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
                    reader.object(path, (src, srcPath) -> {
                        if (!names.isValid(src)) {
                            throw new AltoException(AltoError.invalidValue(path, src));
                        }
                        Map<String, Double> row = new LinkedHashMap<>();
                        reader.object(srcPath, (dst, dstPath) -> {
                            if (!names.isValid(dst)) {
                                throw new AltoException(AltoError.invalidValue(srcPath, dst));
                            }
                            double cost = reader.number(dstPath);
                            if (!Double.isFinite(cost)) {
                                throw new AltoException(AltoError.invalidValue(dstPath, Double.toString(cost)));
                            }
                            row.put(dst, cost);
                        });
                        rows.put(src, row);
                    });
                    fields.rows = rows;
                } else {
                    reader.skip();
                }
            });
            required(fields.metaSeen ? Boolean.TRUE : null, "meta");
            List<VersionTag> vtags = fields.dependentVtags == null && !vtagsRequired ? List.of()
                    : required(fields.dependentVtags, "meta/dependent-vtags");
            CostType type = required(fields.costType, "meta/cost-type");
            return new CostMapResponse(vtags, type, table(required(fields.rows, dataField)));
        });
    }

    /**
     * RFC 8189 3.1: {@code meta/multi-cost-types}, and per present pair an array with one cost per type,
     * null for a cost the server does not have (section 5.2), NaN in the tables.
     */
    private static MultiCostMapResponse multiCosts(byte[] body, String dataField, boolean vtagsRequired, NameCheck names) {
        return JsonReader.decode(body, WHAT, reader -> {
            var fields = new Object() {
                boolean metaSeen;
                List<VersionTag> dependentVtags;
                List<CostType> costTypes;
                Map<String, Map<String, double[]>> rows;
            };
            reader.object("", (name, path) -> {
                if (name.equals("meta")) {
                    fields.metaSeen = true;
                    reader.object(path, (metaField, metaPath) -> {
                        switch (metaField) {
                            case "dependent-vtags" -> fields.dependentVtags = vtags(reader, metaPath);
                            case "multi-cost-types" -> {
                                List<CostType> types = new ArrayList<>();
                                reader.array(metaPath, typePath -> types.add(RequestDecoder.costType(reader, typePath)));
                                fields.costTypes = types;
                            }
                            default -> reader.skip();
                        }
                    });
                } else if (name.equals(dataField)) {
                    Map<String, Map<String, double[]>> rows = new LinkedHashMap<>();
                    reader.object(path, (src, srcPath) -> {
                        if (!names.isValid(src)) {
                            throw new AltoException(AltoError.invalidValue(path, src));
                        }
                        Map<String, double[]> row = new LinkedHashMap<>();
                        reader.object(srcPath, (dst, dstPath) -> {
                            if (!names.isValid(dst)) {
                                throw new AltoException(AltoError.invalidValue(srcPath, dst));
                            }
                            List<Double> costs = new ArrayList<>();
                            reader.array(dstPath, costPath -> {
                                double cost = reader.isNull() ? Double.NaN : reader.number(costPath);
                                if (Double.isInfinite(cost)) {
                                    throw new AltoException(AltoError.invalidValue(costPath, Double.toString(cost)));
                                }
                                costs.add(cost);
                            });
                            row.put(dst, costs.stream().mapToDouble(Double::doubleValue).toArray());
                        });
                        rows.put(src, row);
                    });
                    fields.rows = rows;
                } else {
                    reader.skip();
                }
            });
            required(fields.metaSeen ? Boolean.TRUE : null, "meta");
            List<VersionTag> vtags = fields.dependentVtags == null && !vtagsRequired ? List.of()
                    : required(fields.dependentVtags, "meta/dependent-vtags");
            List<CostType> types = required(fields.costTypes, "meta/multi-cost-types");
            if (types.isEmpty()) {
                throw new AltoException(AltoError.invalidValue("meta/multi-cost-types", "[]"));
            }
            Map<String, Map<String, double[]>> rows = required(fields.rows, dataField);
            List<CostTable> tables = new ArrayList<>();
            for (int t = 0; t < types.size(); t++) {
                Map<String, Map<String, Double>> column = new LinkedHashMap<>();
                for (Map.Entry<String, Map<String, double[]>> row : rows.entrySet()) {
                    Map<String, Double> costs = new LinkedHashMap<>();
                    for (Map.Entry<String, double[]> pair : row.getValue().entrySet()) {
                        if (pair.getValue().length != types.size()) {
                            throw new AltoException(AltoError.invalidValue(dataField + "/" + row.getKey() + "/" + pair.getKey(),
                                    Arrays.toString(pair.getValue())));
                        }
                        costs.put(pair.getKey(), pair.getValue()[t]);
                    }
                    column.put(row.getKey(), costs);
                }
                tables.add(table(column));
            }
            return new MultiCostMapResponse(vtags, types, tables);
        });
    }

    /** Rows in the server's order; destinations in order of first appearance; NaN where a pair is absent. */
    private static CostTable table(Map<String, Map<String, Double>> rows) {
        Map<String, Integer> dstIndex = new LinkedHashMap<>();
        rows.values().forEach(row -> row.keySet().forEach(dst -> dstIndex.putIfAbsent(dst, dstIndex.size())));
        List<String> srcs = new ArrayList<>(rows.keySet());
        double[] values = new double[srcs.size() * dstIndex.size()];
        Arrays.fill(values, Double.NaN);
        int src = 0;
        for (Map<String, Double> row : rows.values()) {
            for (Map.Entry<String, Double> cost : row.entrySet()) {
                values[src * dstIndex.size() + dstIndex.get(cost.getKey())] = cost.getValue();
            }
            src++;
        }
        return new CostTable(srcs, new ArrayList<>(dstIndex.keySet()), values);
    }

    private static Directory.Entry directoryEntry(JsonReader reader, String path) throws IOException {
        var fields = new Object() {
            String uri;
            String mediaType;
            Optional<String> accepts = Optional.empty();
            Directory.Capabilities capabilities = Directory.Capabilities.NONE;
            List<String> uses = List.of();
        };
        reader.object(path, (name, fieldPath) -> {
            switch (name) {
                case "uri" -> fields.uri = reader.string(fieldPath);
                case "media-type" -> fields.mediaType = reader.string(fieldPath);
                case "accepts" -> fields.accepts = Optional.of(reader.string(fieldPath));
                case "capabilities" -> fields.capabilities = capabilities(reader, fieldPath);
                case "uses" -> fields.uses = reader.stringArray(fieldPath,
                        id -> ResourceIds.isValid(id) ? Optional.of(id) : Optional.empty());
                default -> reader.skip();
            }
        });
        return new Directory.Entry(required(fields.uri, path + "/uri"), required(fields.mediaType, path + "/media-type"),
                fields.accepts, fields.capabilities, fields.uses);
    }

    private static Directory.Capabilities capabilities(JsonReader reader, String path) throws IOException {
        var fields = new Object() {
            List<String> costTypeNames = List.of();
            Optional<Boolean> costConstraints = Optional.empty();
            List<String> propTypes = List.of();
            final Map<String, String> incrementalChangeMediaTypes = new LinkedHashMap<>();
            int maxCostTypes;
            List<String> testableCostTypeNames = List.of();
            final Map<String, List<String>> mappings = new LinkedHashMap<>();
            final List<CalendarAttributes> calendarAttributes = new ArrayList<>();
        };
        reader.object(path, (name, fieldPath) -> {
            switch (name) {
                case "cost-type-names" -> fields.costTypeNames = reader.stringArray(fieldPath, Optional::of);
                case "cost-constraints" -> fields.costConstraints = Optional.of(reader.bool(fieldPath));
                case "prop-types" -> fields.propTypes = reader.stringArray(fieldPath,
                        type -> EndpointProperties.isValidName(type) ? Optional.of(type) : Optional.empty());
                case "incremental-change-media-types" -> reader.object(fieldPath, (resourceId, typesPath) ->
                        fields.incrementalChangeMediaTypes.put(resourceId, reader.string(typesPath)));
                case "max-cost-types" -> fields.maxCostTypes = count(reader, fieldPath);
                case "testable-cost-type-names" -> fields.testableCostTypeNames = reader.stringArray(fieldPath, Optional::of);
                case "calendar-attributes" -> reader.array(fieldPath,
                        elementPath -> fields.calendarAttributes.add(calendarAttributes(reader, elementPath)));
                case "mappings" -> reader.object(fieldPath, (domain, propertiesPath) -> fields.mappings.put(domain,
                        reader.stringArray(propertiesPath, property -> EntityPropertyNames.isValidName(property) ? Optional.of(property) : Optional.empty())));
                default -> reader.skip();
            }
        });
        return new Directory.Capabilities(fields.costTypeNames, fields.costConstraints, fields.propTypes,
                fields.incrementalChangeMediaTypes, fields.maxCostTypes, fields.testableCostTypeNames, fields.mappings,
                fields.calendarAttributes);
    }

    /** RFC 8896 4.1 CalendarAttributes. */
    private static CalendarAttributes calendarAttributes(JsonReader reader, String path) throws IOException {
        var fields = new Object() {
            List<String> costTypeNames;
            Double timeIntervalSize;
            Integer numberOfIntervals;
        };
        reader.object(path, (name, fieldPath) -> {
            switch (name) {
                case "cost-type-names" -> fields.costTypeNames = reader.stringArray(fieldPath, Optional::of);
                case "time-interval-size" -> fields.timeIntervalSize = reader.number(fieldPath);
                case "number-of-intervals" -> fields.numberOfIntervals = count(reader, fieldPath);
                default -> reader.skip();
            }
        });
        try {
            return new CalendarAttributes(required(fields.costTypeNames, path + "/cost-type-names"),
                    required(fields.timeIntervalSize, path + "/time-interval-size"),
                    required(fields.numberOfIntervals, path + "/number-of-intervals"));
        } catch (IllegalArgumentException e) {
            throw new AltoException(AltoError.invalidValue(path, e.getMessage()));
        }
    }

    /** A JSON number that must be a non-negative integer, such as {@code max-cost-types}. */
    private static int count(JsonReader reader, String path) throws IOException {
        double number = reader.number(path);
        if (number < 0 || number != Math.rint(number) || number > Integer.MAX_VALUE) {
            throw new AltoException(AltoError.invalidValue(path, Double.toString(number)));
        }
        return (int) number;
    }

    private static List<VersionTag> vtags(JsonReader reader, String path) throws IOException {
        List<VersionTag> vtags = new ArrayList<>();
        reader.array(path, elementPath -> vtags.add(vtag(reader, elementPath)));
        return vtags;
    }

    private static VersionTag vtag(JsonReader reader, String path) throws IOException {
        var fields = new Object() {
            String resourceId;
            String tag;
        };
        reader.object(path, (name, fieldPath) -> {
            switch (name) {
                case "resource-id" -> fields.resourceId = resourceId(reader, fieldPath);
                case "tag" -> fields.tag = reader.string(fieldPath);
                default -> reader.skip();
            }
        });
        String tag = required(fields.tag, path + "/tag");
        // RFC 7285 10.3: 1 to 64 printable US-ASCII characters.
        if (tag.isEmpty() || tag.length() > 64 || !tag.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new AltoException(AltoError.invalidValue(path + "/tag", tag));
        }
        return new VersionTag(required(fields.resourceId, path + "/resource-id"), tag);
    }

    private static String resourceId(JsonReader reader, String path) throws IOException {
        String id = reader.string(path);
        if (!ResourceIds.isValid(id)) {
            throw new AltoException(AltoError.invalidValue(path, id));
        }
        return id;
    }

    /** "address/length" with an address of the group's family and a length that fits it. */
    private static boolean isPrefix(AddressType type, String prefix) {
        int slash = prefix.indexOf('/');
        if (slash <= 0 || slash == prefix.length() - 1 || prefix.length() - slash > 4) {
            return false;
        }
        Optional<TypedAddress> address = TypedAddress.parse(type.wireName() + ":" + prefix.substring(0, slash));
        if (address.isEmpty() || address.get().type() != type) {
            return false;
        }
        String length = prefix.substring(slash + 1);
        if (!length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(length) <= (type == AddressType.IPV4 ? 32 : 128);
    }

    /** Reads the meta member at {@code path} for its one field {@code wanted} (at its path), skipping the others. */
    private static void metaField(JsonReader reader, String path, String wanted, MetaFieldReader read) throws IOException {
        reader.object(path, (field, fieldPath) -> {
            if (field.equals(wanted)) {
                read.read(fieldPath);
            } else {
                reader.skip();
            }
        });
    }

    /** Reads one meta field's value at its path. */
    @FunctionalInterface
    private interface MetaFieldReader {
        void read(String path) throws IOException;
    }
}
