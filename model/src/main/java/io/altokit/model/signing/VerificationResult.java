package io.altokit.model.signing;

import java.time.Instant;
import java.util.List;

/** The outcome of {@link SignatureVerifier#verify}: valid with what was proven, or rejected with why. */
public sealed interface VerificationResult permits VerificationResult.Verified, VerificationResult.Rejected {

    boolean isVerified();

    /** Returns the verified result, or throws {@link VerificationException} with the reason. */
    Verified orElseThrow();

    /**
     * The signature with this label, made by the key with this id at {@code created}, covers these
     * components (names as in the signature base without quotes, request components with their
     * parameter: {@code @status}, {@code content-type}, {@code @path;req}), and the body matches
     * Content-Digest under {@code digestAlgorithm}.
     */
    record Verified(String label, String keyId, Instant created, List<String> coveredComponents,
                    ContentDigest.Algorithm digestAlgorithm) implements VerificationResult {
        public Verified {
            coveredComponents = List.copyOf(coveredComponents);
        }

        @Override
        public boolean isVerified() {
            return true;
        }

        @Override
        public Verified orElseThrow() {
            return this;
        }
    }

    record Rejected(VerificationFailure failure, String detail) implements VerificationResult {
        @Override
        public boolean isVerified() {
            return false;
        }

        @Override
        public Verified orElseThrow() {
            throw new VerificationException(failure, detail);
        }
    }
}
