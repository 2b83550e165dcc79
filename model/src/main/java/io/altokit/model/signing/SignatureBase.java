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
    private final List<Component> components;
    private final SignatureParameters parameters;

    /**
     * A covered component: its identifier (a lower-case field name or a derived component such as
     * {@code @status}) and its canonical value in this message.
     */
    public record Component(String id, String value) {
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
    }

    private SignatureBase(List<Component> components, SignatureParameters parameters) {
        this.components = List.copyOf(components);
        this.parameters = parameters;
    }

    public static SignatureBase of(List<Component> components, SignatureParameters parameters) {
        Set<String> seen = new HashSet<>();
        for (Component c : components) {
            if (!seen.add(c.id())) {
                throw new IllegalArgumentException("component covered twice: " + c.id());
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
            ids.add(new StructuredFields.Item(c.id(), Map.of()));
        }
        return StructuredFields.serializeInnerList(ids, parameters.asMap());
    }

    /** The signature base as text. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Component c : components) {
            out.append(StructuredFields.serializeString(c.id())).append(": ").append(c.value()).append('\n');
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
