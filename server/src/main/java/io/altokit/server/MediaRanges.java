package io.altokit.server;

import java.util.Locale;
import java.util.Optional;

/** Just enough of RFC 9110 media type matching for ALTO's exact media types. */
final class MediaRanges {
    private MediaRanges() {
    }

    /** True when the Accept header is absent or lists the type, "application/*" or "*&#47;*" with q > 0. */
    static boolean accepts(Optional<String> accept, String mediaType) {
        if (accept.isEmpty() || accept.get().isBlank()) {
            return true;
        }
        for (String range : accept.get().split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean covers = type.equals(mediaType) || type.equals("*/*") || type.equals("application/*");
            if (covers && !zeroQuality(parts)) {
                return true;
            }
        }
        return false;
    }

    /** Compares a Content-Type with a media type, ignoring parameters such as charset. */
    static boolean sameType(Optional<String> contentType, String mediaType) {
        return contentType.map(value -> value.split(";")[0].trim().equalsIgnoreCase(mediaType)).orElse(false);
    }

    private static boolean zeroQuality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
