package io.altokit.provision.bgp.message;

import java.util.Objects;

/** What {@link BgpCodec} made of some bytes: a message, or the NOTIFICATION to send and why. */
public sealed interface DecodeResult {

    /** A message; an UPDATE may carry RFC 7606 repairs in {@link Update#problems()}. */
    record Success(BgpMessage message) implements DecodeResult {
        public Success {
            Objects.requireNonNull(message, "message");
        }
    }

    /** An error the session must answer with {@code notification} and close (RFC 4271 section 6). */
    record Failure(Notification notification, String reason) implements DecodeResult {
        public Failure {
            Objects.requireNonNull(notification, "notification");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
