package io.altokit.server.http;

import java.util.Locale;
import java.util.Optional;

/** Picks gzip when the client's Accept-Encoding allows it. */
public final class ContentCoding {
    /** The gzip variant of a representation is a different entity, so it gets its own strong ETag. */
    public static final String GZIP_ETAG_SUFFIX = "-gzip";

    private ContentCoding() {
    }

    public static boolean acceptsGzip(Optional<String> acceptEncoding) {
        if (acceptEncoding.isEmpty()) {
            return false;
        }
        for (String coding : acceptEncoding.get().split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            if ((name.equals("gzip") || name.equals("x-gzip")) && !(parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?"))) {
                return true;
            }
        }
        return false;
    }
}
