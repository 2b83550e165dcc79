package io.altokit.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 9439 section 3.1: the context of a performance metric's values, carried in a cost type as
 * {@code cost-context}: where they come from ({@code cost-source}) and, optionally, the details of
 * how ({@code parameters}, any JSON value; kept as its compact JSON text and passed on unchanged).
 * It is not part of what names a cost type: two cost types differing only in it are the same type
 * (RFC 9439 3.1), so one resource offers a metric in a mode with one context only.
 *
 * @param parameters the {@code parameters} value as compact JSON text
 */
public record CostContext(CostSource source, Optional<String> parameters) {

    private static final JsonFactory JSON = new JsonFactory();

    public CostContext(CostSource source) {
        this(source, Optional.empty());
    }

    /** A context whose parameters are an object of string members (RFC 9439 4.1.4: a "link" to the SLA, say). */
    public static CostContext of(CostSource source, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return new CostContext(source);
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                json.writeStringField(parameter.getKey(), parameter.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CostContext(source, Optional.of(text.toString()));
    }

    /**
     * RFC 9439 6.3: {@code routingcost} is RFC 7285's metric, whose values RFC 7285 clients take as
     * estimations; a context on it may only say so.
     */
    public boolean allowedOn(String metric) {
        return !metric.equals("routingcost") || source == CostSource.ESTIMATION;
    }
}
