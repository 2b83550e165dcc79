package io.altokit.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.altokit.model.JsonReader.required;

/**
 * Strict decoding of the RFC 7285 request bodies. Every failure is an {@link AltoException} carrying
 * the error the server must return; unknown fields are ignored as RFC 7285 8.3.7 requires.
 */
public final class RequestDecoder {
    private RequestDecoder() {
    }

    public static NetworkMapFilter networkMapFilter(byte[] body) {
        return JsonReader.decode(body, reader -> {
            var fields = new Object() {
                List<String> pids;
                final Set<AddressType> types = EnumSet.noneOf(AddressType.class);
            };
            reader.object("", (name, path) -> {
                switch (name) {
                    case "pids" -> fields.pids = pidList(reader, path);
                    // RFC 7285 11.3.1.6: unknown address types are ignored, wrong JSON types are not.
                    case "address-types" -> reader.stringArray(path, type -> Optional.of(AddressType.fromWire(type)))
                            .forEach(type -> type.ifPresent(fields.types::add));
                    default -> reader.skip();
                }
            });
            return new NetworkMapFilter(required(fields.pids, "pids"), fields.types);
        });
    }

    public static CostMapFilter costMapFilter(byte[] body) {
        return JsonReader.decode(body, reader -> {
            CostFields costs = new CostFields();
            var fields = new Object() {
                List<String> srcs = List.of();
                List<String> dsts = List.of();
            };
            reader.object("", (name, path) -> {
                if (costs.read(reader, name, path)) {
                    return;
                }
                switch (name) {
                    case "pids" -> {
                        var pids = new Object() {
                            List<String> srcs;
                            List<String> dsts;
                        };
                        reader.object(path, (pidField, pidPath) -> {
                            switch (pidField) {
                                case "srcs" -> pids.srcs = pidList(reader, pidPath);
                                case "dsts" -> pids.dsts = pidList(reader, pidPath);
                                default -> reader.skip();
                            }
                        });
                        fields.srcs = required(pids.srcs, "pids/srcs");
                        fields.dsts = required(pids.dsts, "pids/dsts");
                    }
                    default -> reader.skip();
                }
            });
            return new CostMapFilter(costs.selection(), fields.srcs, fields.dsts);
        });
    }

    public static EndpointPropertyRequest endpointProperties(byte[] body) {
        return JsonReader.decode(body, reader -> {
            var fields = new Object() {
                List<String> properties;
                List<TypedAddress> endpoints;
            };
            reader.object("", (name, path) -> {
                switch (name) {
                    case "properties" -> fields.properties = reader.stringArray(path,
                            property -> EndpointProperties.isValidName(property) ? Optional.of(property) : Optional.empty());
                    case "endpoints" -> fields.endpoints = reader.stringArray(path, TypedAddress::parse);
                    default -> reader.skip();
                }
            });
            if (required(fields.properties, "properties").isEmpty()) {
                throw new AltoException(AltoError.invalidValue("properties", "[]"));
            }
            return new EndpointPropertyRequest(fields.properties, required(fields.endpoints, "endpoints"));
        });
    }

    /**
     * RFC 9240 8.3 ReqFilteredPropertyMap. An entity needs an entity domain name before a ':' (5.1.3),
     * a property the name grammar (5.2.2); whether the resource has that domain or property, and
     * whether the identifier is one of its domain's, is the resource's to check.
     */
    public static PropertyMapRequest propertyMap(byte[] body) {
        return JsonReader.decode(body, reader -> {
            var fields = new Object() {
                List<String> entities;
                List<String> properties;
            };
            reader.object("", (name, path) -> {
                switch (name) {
                    case "entities" -> fields.entities = reader.stringArray(path,
                            entity -> entity.indexOf(':') > 0 ? Optional.of(entity) : Optional.empty());
                    case "properties" -> fields.properties = reader.stringArray(path,
                            property -> EntityPropertyNames.isValidName(property) ? Optional.of(property) : Optional.empty());
                    default -> reader.skip();
                }
            });
            return new PropertyMapRequest(CostFields.nonEmpty(required(fields.entities, "entities"), "entities"),
                    CostFields.nonEmpty(required(fields.properties, "properties"), "properties"));
        });
    }

    public static EndpointCostRequest endpointCost(byte[] body) {
        return JsonReader.decode(body, reader -> {
            CostFields costs = new CostFields();
            var fields = new Object() {
                boolean endpointsSeen;
                List<TypedAddress> srcs = List.of();
                List<TypedAddress> dsts;
            };
            reader.object("", (name, path) -> {
                if (costs.read(reader, name, path)) {
                    return;
                }
                switch (name) {
                    case "endpoints" -> {
                        fields.endpointsSeen = true;
                        reader.object(path, (endpointField, endpointPath) -> {
                            switch (endpointField) {
                                case "srcs" -> fields.srcs = reader.stringArray(endpointPath, TypedAddress::parse);
                                case "dsts" -> fields.dsts = reader.stringArray(endpointPath, TypedAddress::parse);
                                default -> reader.skip();
                            }
                        });
                    }
                    default -> reader.skip();
                }
            });
            CostSelection selection = costs.selection();
            required(fields.endpointsSeen ? Boolean.TRUE : null, "endpoints");
            return new EndpointCostRequest(selection, fields.srcs, required(fields.dsts, "endpoints/dsts"));
        });
    }

    /** A cost type object, in requests and responses alike. */
    static CostType costType(JsonReader reader, String path) throws IOException {
        var fields = new Object() {
            String mode;
            String metric;
            Optional<String> description = Optional.empty();
        };
        reader.object(path, (name, fieldPath) -> {
            switch (name) {
                case "cost-mode" -> fields.mode = reader.string(fieldPath);
                case "cost-metric" -> fields.metric = reader.string(fieldPath);
                case "description" -> fields.description = Optional.of(reader.string(fieldPath));
                default -> reader.skip();
            }
        });
        String modeName = required(fields.mode, path + "/cost-mode");
        String metric = required(fields.metric, path + "/cost-metric");
        CostMode mode = CostMode.fromWire(modeName)
                .orElseThrow(() -> new AltoException(AltoError.invalidValue(path + "/cost-mode", modeName)));
        if (!CostMetrics.isValidName(metric)) {
            throw new AltoException(AltoError.invalidValue(path + "/cost-metric", metric));
        }
        return new CostType(metric, mode, fields.description);
    }

    /**
     * The cost fields of a filtered cost map or endpoint cost request (RFC 7285 11.3.2.3, 11.5.1.3,
     * RFC 8189 4.1.2, 4.2.2 and RFC 8896 4.2.1, 4.3.1), gathered in any order and checked together
     * once the body is read.
     */
    private static final class CostFields {
        private CostType costType;
        private List<CostType> multiCostTypes;
        private List<CostType> testableCostTypes;
        private List<CostTest> constraints;
        private List<List<CostTest>> orConstraints;
        private List<Boolean> calendared;

        /** Reads {@code name} when it is a cost field; false for any other field. */
        boolean read(JsonReader reader, String name, String path) throws IOException {
            switch (name) {
                case "cost-type" -> costType = costType(reader, path);
                case "multi-cost-types" -> multiCostTypes = nonEmpty(costTypes(reader, path), path);
                case "testable-cost-types" -> testableCostTypes = nonEmpty(costTypes(reader, path), path);
                case "constraints" -> constraints = reader.stringArray(path, CostTest::parse);
                case "or-constraints" -> {
                    List<List<CostTest>> alternatives = new ArrayList<>();
                    reader.array(path, alternativePath -> alternatives.add(
                            nonEmpty(reader.stringArray(alternativePath, CostTest::parse), alternativePath)));
                    orConstraints = nonEmpty(alternatives, path);
                }
                case "calendared" -> {
                    List<Boolean> flags = new ArrayList<>();
                    reader.array(path, flagPath -> flags.add(reader.bool(flagPath)));
                    calendared = flags;
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        /**
         * RFC 8189: {@code cost-type} or {@code multi-cost-types}, not both; {@code constraints} or
         * {@code or-constraints}, not both; every test's index within the testable cost types. RFC 8896
         * 4.2.1: {@code calendared} holds one flag per answered cost type (one for {@code cost-type}).
         */
        CostSelection selection() {
            if (costType != null && multiCostTypes != null) {
                throw new AltoException(AltoError.invalidValue("multi-cost-types"));
            }
            if (constraints != null && orConstraints != null) {
                throw new AltoException(AltoError.invalidValue("or-constraints"));
            }
            boolean multi = multiCostTypes != null;
            List<CostType> types = multi ? multiCostTypes : List.of(required(costType, "cost-type"));
            int testable = testableCostTypes == null ? types.size() : testableCostTypes.size();
            boolean disjunctive = orConstraints != null;
            List<List<CostTest>> alternatives = disjunctive ? orConstraints
                    : constraints == null || constraints.isEmpty() ? List.of() : List.of(constraints);
            for (List<CostTest> alternative : alternatives) {
                for (CostTest test : alternative) {
                    if (test.index() >= testable) {
                        throw new AltoException(AltoError.invalidValue(disjunctive ? "or-constraints" : "constraints",
                                test.wireText(false)));
                    }
                }
            }
            if (calendared != null && calendared.size() != types.size()) {
                throw new AltoException(AltoError.invalidValue("calendared", calendared.toString()));
            }
            return new CostSelection(types, multi, Optional.ofNullable(testableCostTypes), alternatives, disjunctive,
                    calendared == null ? List.of() : calendared);
        }

        private static List<CostType> costTypes(JsonReader reader, String path) throws IOException {
            List<CostType> types = new ArrayList<>();
            reader.array(path, typePath -> types.add(costType(reader, typePath)));
            return types;
        }

        /** RFC 8189 writes these lists {@code <1..*>}: an empty one is an invalid value. */
        private static <T> List<T> nonEmpty(List<T> list, String path) {
            if (list.isEmpty()) {
                throw new AltoException(AltoError.invalidValue(path, "[]"));
            }
            return list;
        }
    }

    private static List<String> pidList(JsonReader reader, String path) throws IOException {
        return reader.stringArray(path, name -> PidNames.isValid(name) ? Optional.of(name) : Optional.empty());
    }

    /**
     * RFC 8895 section 6.5 update stream parameters. Client ids follow the rules of resource ids
     * (section 6.3); a client id added twice in one request is a syntax error (duplicate member).
     */
    public static UpdateStreamRequest updateStream(byte[] body) {
        return JsonReader.decode(body, reader -> {
            Map<String, UpdateStreamRequest.AddUpdate> add = new LinkedHashMap<>();
            List<String> remove = new ArrayList<>();
            reader.object("", (name, path) -> {
                switch (name) {
                    case "add" -> reader.object(path, (clientId, addPath) -> {
                        if (!ResourceIds.isValid(clientId)) {
                            throw new AltoException(AltoError.invalidValue("add", clientId));
                        }
                        add.put(clientId, addUpdate(reader, addPath));
                    });
                    case "remove" -> remove.addAll(reader.stringArray(path, Optional::of));
                    default -> reader.skip();
                }
            });
            return new UpdateStreamRequest(add, remove);
        });
    }

    private static UpdateStreamRequest.AddUpdate addUpdate(JsonReader reader, String path) throws IOException {
        var fields = new Object() {
            String resourceId;
            Optional<String> tag = Optional.empty();
            boolean incremental = true;
            Optional<byte[]> input = Optional.empty();
        };
        reader.object(path, (name, fieldPath) -> {
            switch (name) {
                case "resource-id" -> fields.resourceId = reader.string(fieldPath);
                case "tag" -> fields.tag = Optional.of(reader.string(fieldPath));
                case "incremental-changes" -> fields.incremental = reader.bool(fieldPath);
                case "input" -> fields.input = Optional.of(reader.rawObject(fieldPath));
                default -> reader.skip();
            }
        });
        return new UpdateStreamRequest.AddUpdate(required(fields.resourceId, path + "/resource-id"), fields.tag,
                fields.incremental, fields.input);
    }

    /** RFC 9569 section 6.1: {@code {"resource-id", "tag"?, "input"?}}; unknown fields ignored. */
    public static TipsRequest tips(byte[] body) {
        return JsonReader.decode(body, reader -> {
            var fields = new Object() {
                String resourceId;
                Optional<String> tag = Optional.empty();
                Optional<byte[]> input = Optional.empty();
            };
            reader.object("", (name, path) -> {
                switch (name) {
                    case "resource-id" -> fields.resourceId = reader.string(path);
                    case "tag" -> fields.tag = Optional.of(reader.string(path));
                    case "input" -> fields.input = Optional.of(reader.rawObject(path));
                    default -> reader.skip();
                }
            });
            return new TipsRequest(required(fields.resourceId, "resource-id"), fields.tag, fields.input);
        });
    }
}
