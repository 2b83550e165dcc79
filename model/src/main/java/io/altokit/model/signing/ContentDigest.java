package io.altokit.model.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Content-Digest} field of RFC 9530: a structured-field dictionary from algorithm key to
 * the digest of the message content as a byte sequence, e.g. {@code sha-256=:X48E9qOokqqr...=:}.
 */
public final class ContentDigest {
    public static final String FIELD = "Content-Digest";

    /** The digest algorithms understood here (the two RFC 9530 marks "Active"). */
    public enum Algorithm {
        SHA_256("sha-256", "SHA-256"),
        SHA_512("sha-512", "SHA-512");

        private final String key;
        private final String jdkName;

        Algorithm(String key, String jdkName) {
            this.key = key;
            this.jdkName = jdkName;
        }

        /** The dictionary key in the field, e.g. {@code sha-256}. */
        public String key() {
            return key;
        }

        public byte[] digest(byte[] content) {
            try {
                return MessageDigest.getInstance(jdkName).digest(content);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks " + jdkName, e);
            }
        }

        public static Optional<Algorithm> byKey(String key) {
            for (Algorithm a : values()) {
                if (a.key.equals(key)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    private ContentDigest() {
    }

    /** The field value with a SHA-256 digest of the body. */
    public static String fieldValue(byte[] body) {
        return fieldValue(body, Algorithm.SHA_256);
    }

    /** The field value with one member per algorithm, in the order given. */
    public static String fieldValue(byte[] body, Algorithm... algorithms) {
        if (algorithms.length == 0) {
            throw new IllegalArgumentException("at least one digest algorithm");
        }
        List<String> members = new ArrayList<>();
        for (Algorithm a : algorithms) {
            members.add(a.key + "=:" + Base64.getEncoder().encodeToString(a.digest(body)) + ":");
        }
        return String.join(", ", members);
    }

    /**
     * Checks a received Content-Digest field value against the body. Every supported algorithm present
     * must match (a mismatch in any is a mismatch); algorithms not supported here are ignored, but at
     * least one supported one must be present.
     *
     * @return the strongest supported algorithm that matched
     * @throws VerificationException MALFORMED_FIELD, UNSUPPORTED_DIGEST or DIGEST_MISMATCH
     */
    public static Algorithm verify(String fieldValue, byte[] body) {
        Map<String, StructuredFields.Member> dictionary;
        try {
            dictionary = StructuredFields.parseDictionary(fieldValue);
        } catch (StructuredFields.MalformedException e) {
            throw new VerificationException(VerificationFailure.MALFORMED_FIELD,
                    "Content-Digest is not a structured-field dictionary: " + e.getMessage());
        }
        Algorithm matched = null;
        for (Map.Entry<String, StructuredFields.Member> member : dictionary.entrySet()) {
            Optional<Algorithm> algorithm = Algorithm.byKey(member.getKey());
            if (algorithm.isEmpty()) {
                continue;
            }
            if (!(member.getValue() instanceof StructuredFields.Item item)
                    || !(item.value() instanceof StructuredFields.ByteSequence received)) {
                throw new VerificationException(VerificationFailure.MALFORMED_FIELD,
                        "Content-Digest member " + member.getKey() + " is not a byte sequence");
            }
            byte[] expected = algorithm.get().digest(body);
            if (!MessageDigest.isEqual(expected, received.bytes())) {
                throw new VerificationException(VerificationFailure.DIGEST_MISMATCH,
                        "the body does not match the " + member.getKey() + " digest in Content-Digest");
            }
            if (matched == null || algorithm.get().ordinal() > matched.ordinal()) {
                matched = algorithm.get();
            }
        }
        if (matched == null) {
            throw new VerificationException(VerificationFailure.UNSUPPORTED_DIGEST,
                    "Content-Digest carries none of sha-256, sha-512: " + dictionary.keySet());
        }
        return matched;
    }
}
