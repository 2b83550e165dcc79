package io.altokit.model;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.altokit.model.JsonFields.optional;
import static io.altokit.model.JsonFields.required;
import static io.altokit.model.JsonFields.requireObject;
import static io.altokit.model.JsonFields.string;
import static io.altokit.model.JsonFields.stringArray;

/**
 * Strict decoding of the RFC 7285 request bodies. Every failure is an {@link AltoException} carrying
 * the error the server must return; unknown fields are ignored as RFC 7285 8.3.7 requires.
 */
public final class RequestDecoder {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RequestDecoder() {
    }

    public static NetworkMapFilter networkMapFilter(byte[] body) {
        JsonNode root = parseObject(body);
        List<String> pids = pidList(required(root, "pids", "pids"), "pids");
        Set<AddressType> types = EnumSet.noneOf(AddressType.class);
        optional(root, "address-types").ifPresent(node ->
                // RFC 7285 11.3.1.6: unknown address types are ignored, wrong JSON types are not.
                stringArray(node, "address-types", name -> Optional.of(AddressType.fromWire(name)))
                        .forEach(type -> type.ifPresent(types::add)));
        return new NetworkMapFilter(pids, types);
    }

    public static CostMapFilter costMapFilter(byte[] body) {
        JsonNode root = parseObject(body);
        CostType costType = costType(required(root, "cost-type", "cost-type"));
        List<CostConstraint> constraints = constraints(root);
        List<String> srcs = List.of();
        List<String> dsts = List.of();
        Optional<JsonNode> pids = optional(root, "pids");
        if (pids.isPresent()) {
            JsonNode filter = requireObject(pids.get(), "pids");
            srcs = pidList(required(filter, "srcs", "pids/srcs"), "pids/srcs");
            dsts = pidList(required(filter, "dsts", "pids/dsts"), "pids/dsts");
        }
        return new CostMapFilter(costType, constraints, srcs, dsts);
    }

    public static EndpointPropertyRequest endpointProperties(byte[] body) {
        JsonNode root = parseObject(body);
        List<String> properties = stringArray(required(root, "properties", "properties"), "properties",
                name -> EndpointProperties.isValidName(name) ? Optional.of(name) : Optional.empty());
        List<TypedAddress> endpoints = addresses(required(root, "endpoints", "endpoints"), "endpoints");
        if (properties.isEmpty()) {
            throw new AltoException(AltoError.invalidValue("properties", "[]"));
        }
        return new EndpointPropertyRequest(properties, endpoints);
    }

    public static EndpointCostRequest endpointCost(byte[] body) {
        JsonNode root = parseObject(body);
        CostType costType = costType(required(root, "cost-type", "cost-type"));
        List<CostConstraint> constraints = constraints(root);
        JsonNode endpoints = requireObject(required(root, "endpoints", "endpoints"), "endpoints");
        List<TypedAddress> srcs = optional(endpoints, "srcs")
                .map(node -> addresses(node, "endpoints/srcs")).orElse(List.of());
        List<TypedAddress> dsts = addresses(required(endpoints, "dsts", "endpoints/dsts"), "endpoints/dsts");
        return new EndpointCostRequest(costType, constraints, srcs, dsts);
    }

    private static JsonNode parseObject(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonParseException e) {
            throw new AltoException(AltoError.syntax(describe(e)));
        } catch (JsonProcessingException e) {
            throw new AltoException(AltoError.syntax(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new AltoException(AltoError.syntax(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new AltoException(AltoError.syntax("empty request body"));
        }
        if (!root.isObject()) {
            throw new AltoException(AltoError.syntax("request body must be a JSON object"));
        }
        return root;
    }

    private static String describe(JsonParseException e) {
        var location = e.getLocation();
        return e.getOriginalMessage() + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static CostType costType(JsonNode node) {
        requireObject(node, "cost-type");
        String modeName = string(required(node, "cost-mode", "cost-type/cost-mode"), "cost-type/cost-mode");
        String metric = string(required(node, "cost-metric", "cost-type/cost-metric"), "cost-type/cost-metric");
        CostMode mode = CostMode.fromWire(modeName)
                .orElseThrow(() -> new AltoException(AltoError.invalidValue("cost-type/cost-mode", modeName)));
        if (!CostMetrics.isValidName(metric)) {
            throw new AltoException(AltoError.invalidValue("cost-type/cost-metric", metric));
        }
        Optional<String> description = optional(node, "description").map(d -> string(d, "cost-type/description"));
        return new CostType(metric, mode, description);
    }

    private static List<CostConstraint> constraints(JsonNode root) {
        return optional(root, "constraints")
                .map(node -> stringArray(node, "constraints", CostConstraint::parse))
                .orElse(List.of());
    }

    private static List<String> pidList(JsonNode node, String path) {
        return stringArray(node, path, name -> PidNames.isValid(name) ? Optional.of(name) : Optional.empty());
    }

    private static List<TypedAddress> addresses(JsonNode node, String path) {
        return stringArray(node, path, TypedAddress::parse);
    }

}
