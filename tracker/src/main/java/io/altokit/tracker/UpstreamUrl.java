package io.altokit.tracker;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * The tracker URL a peer proxy forwards to, carried percent-encoded in the proxy's own path
 * ({@code /announce/http%3A%2F%2Ftracker.example%3A6969%2Fannounce}): an absolute http or https URL
 * without a fragment. It may have a query of its own (a private tracker's passkey).
 */
record UpstreamUrl(URI uri) {

    /** @param encoded the path after {@code /announce/} or {@code /scrape/}, as the client sent it */
    static UpstreamUrl fromPath(String encoded) throws BadRequestException {
        if (encoded.isEmpty()) {
            throw new BadRequestException("no upstream tracker: announce to /announce/<percent-encoded tracker URL>");
        }
        String text = percentDecode(encoded);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new BadRequestException("the upstream tracker URL is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadRequestException("the upstream tracker URL must be http or https, got \"" + QueryString.printable(text) + "\"");
        }
        if (uri.getHost() == null || uri.getRawFragment() != null) {
            throw new BadRequestException("the upstream tracker URL needs a host and no fragment: \"" + QueryString.printable(text) + "\"");
        }
        return new UpstreamUrl(uri);
    }

    /** This URL with the client's query appended, unchanged (binary ids stay as the client encoded them). */
    URI withQuery(String rawQuery) throws BadRequestException {
        if (rawQuery.isEmpty()) {
            return uri;
        }
        try {
            return new URI(uri + (uri.getRawQuery() == null ? "?" : "&") + rawQuery);
        } catch (URISyntaxException e) {
            throw new BadRequestException("the announce query is not valid in a URL: " + e.getMessage());
        }
    }

    private static String percentDecode(String text) throws BadRequestException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (low < 0) {
                throw new BadRequestException("bad percent-encoding in the upstream tracker URL at \""
                        + QueryString.printable(text.substring(i, Math.min(i + 3, text.length()))) + "\"");
            }
            out.write(high << 4 | low);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
