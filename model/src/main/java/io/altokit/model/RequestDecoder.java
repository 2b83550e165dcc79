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
            var fields = new Object() {
                CostType costType;
                List<CostConstraint> constraints = List.of();
                List<String> srcs = List.of();
                List<String> dsts = List.of();
            };
            reader.object("", (name, path) -> {
                switch (name) {
                    case "cost-type" -> fields.costType = costType(reader, path);
                    case "constraints" -> fields.constraints = constraints(reader, path);
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
            return new CostMapFilter(required(fields.costType, "cost-type"), fields.constraints, fields.srcs, fields.dsts);
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

    public static EndpointCostRequest endpointCost(byte[] body) {
        return JsonReader.decode(body, reader -> {
            var fields = new Object() {
                CostType costType;
                List<CostConstraint> constraints = List.of();
                boolean endpointsSeen;
                List<TypedAddress> srcs = List.of();
                List<TypedAddress> dsts;
            };
            reader.object("", (name, path) -> {
                switch (name) {
                    case "cost-type" -> fields.costType = costType(reader, path);
                    case "constraints" -> fields.constraints = constraints(reader, path);
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
            CostType costType = required(fields.costType, "cost-type");
            required(fields.endpointsSeen ? Boolean.TRUE : null, "endpoints");
            return new EndpointCostRequest(costType, fields.constraints, fields.srcs, required(fields.dsts, "endpoints/dsts"));
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

    private static List<CostConstraint> constraints(JsonReader reader, String path) throws IOException {
        return reader.stringArray(path, CostConstraint::parse);
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
