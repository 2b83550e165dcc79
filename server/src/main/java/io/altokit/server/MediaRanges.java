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
        // indexOf scanning rather than split: this runs for every request.
        String header = accept.get();
        for (int start = 0; start <= header.length(); ) {
            int end = header.indexOf(',', start);
            end = end < 0 ? header.length() : end;
            int parameters = header.indexOf(';', start);
            int typeEnd = parameters < 0 || parameters > end ? end : parameters;
            boolean covers = typeIs(header, start, typeEnd, mediaType) || typeIs(header, start, typeEnd, "*/*")
                    || typeIs(header, start, typeEnd, "application/*");
            if (covers && (typeEnd == end || !zeroQuality(header.substring(typeEnd, end)))) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** Compares a Content-Type with a media type, ignoring parameters such as charset. */
    static boolean sameType(Optional<String> contentType, String mediaType) {
        if (contentType.isEmpty()) {
            return false;
        }
        String value = contentType.get();
        int end = value.indexOf(';');
        return typeIs(value, 0, end < 0 ? value.length() : end, mediaType);
    }

    /** Whether {@code text[start, end)}, without surrounding blanks, is the type (case-insensitive). */
    private static boolean typeIs(String text, int start, int end, String type) {
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return end - start == type.length() && text.regionMatches(true, start, type, 0, type.length());
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Whether the parameters (";q=0;level=1") hold a quality of zero. */
    private static boolean zeroQuality(String parameters) {
        for (String parameter : parameters.split(";")) {
            String trimmed = parameter.trim().toLowerCase(Locale.ROOT);
            if (trimmed.startsWith("q=")) {
                try {
                    return Double.parseDouble(trimmed.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
