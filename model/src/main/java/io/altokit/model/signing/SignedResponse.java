package io.altokit.model.signing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields {@link ResponseSigner} adds to a response, and the signature base they sign (for logs and
 * tests). The server sets exactly these three fields, replacing any earlier value.
 */
public record SignedResponse(String contentDigest, String signatureInput, String signature, SignatureBase signatureBase) {
    public static final String SIGNATURE_INPUT = "Signature-Input";
    public static final String SIGNATURE = "Signature";

    /** Field name -> value, in the order Content-Digest, Signature-Input, Signature. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ContentDigest.FIELD, contentDigest);
        fields.put(SIGNATURE_INPUT, signatureInput);
        fields.put(SIGNATURE, signature);
        return fields;
    }
}
