package io.altokit.model.signing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The signature base of RFC 9421 section 2.5: one line {@code "component-id": value} per covered
 * component, in order, then the {@code "@signature-params"} line; lines separated by a single LF, no
 * trailing LF. The {@code @signature-params} value is also the Signature-Input member value.
 */
public final class SignatureBase {
    /** The component parameter marking a request component in a response signature. */
    static final String REQ = "req";

    private final List<Component> components;
    private final SignatureParameters parameters;

    /**
     * A covered component: its identifier (a lower-case field name or a derived component such as
     * {@code @status}), whether it is taken from the request the response answers (the {@code req}
     * parameter of RFC 9421 section 2.4), and its canonical value.
     */
    public record Component(String id, boolean fromRequest, String value) {
        /** A component of the signed message itself. */
        public Component(String id, String value) {
            this(id, false, value);
        }

        /** A component of the request a response answers ({@code "id";req}). */
        public static Component ofRequest(String id, String value) {
            return new Component(id, true, value);
        }

        public Component {
            if (id.isEmpty() || !id.equals(id.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("component identifiers are lower case: " + id);
            }
            if (id.equals("@signature-params")) {
                throw new IllegalArgumentException("@signature-params is added by the base itself");
            }
            StructuredFields.serializeString(id);
            checkValue(id, value);
        }

        /** The serialised component identifier, e.g. {@code "content-type"} or {@code "@path";req}. */
        public String identifier() {
            return StructuredFields.serializeString(id) + (fromRequest ? ";" + REQ : "");
        }
    }

    private SignatureBase(List<Component> components, SignatureParameters parameters) {
        this.components = List.copyOf(components);
        this.parameters = parameters;
    }

    public static SignatureBase of(List<Component> components, SignatureParameters parameters) {
        Set<String> seen = new HashSet<>();
        for (Component c : components) {
            if (!seen.add(c.identifier())) {
                throw new IllegalArgumentException("component covered twice: " + c.identifier());
            }
        }
        return new SignatureBase(components, parameters);
    }

    public List<Component> components() {
        return components;
    }

    public SignatureParameters parameters() {
        return parameters;
    }

    /** The inner list with parameters, e.g. {@code ("@status" "content-type");created=1;keyid="k"}. */
    public String signatureParamsValue() {
        List<StructuredFields.Item> ids = new ArrayList<>(components.size());
        for (Component c : components) {
            ids.add(new StructuredFields.Item(c.id(), c.fromRequest() ? Map.of(REQ, Boolean.TRUE) : Map.of()));
        }
        return StructuredFields.serializeInnerList(ids, parameters.asMap());
    }

    /** The signature base as text. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Component c : components) {
            out.append(c.identifier()).append(": ").append(c.value()).append('\n');
        }
        return out.append("\"@signature-params\": ").append(signatureParamsValue()).toString();
    }

    /** The bytes that are signed: the text, which is ASCII by construction. */
    public byte[] bytes() {
        return text().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return text();
    }

    private static void checkValue(String id, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                throw new IllegalArgumentException("the value of " + id
                        + " holds a character outside visible ASCII (signature base injection?)");
            }
        }
    }
}
