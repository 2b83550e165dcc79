package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard: {@code GET /ui/...} answers the static files shipped in the jar under
 * {@value #FOLDER} ({@code /ui/} is its {@code index.html}), each read once and then kept, with a
 * strong ETag from its content. A path
 * that is not a plain file name under the folder ({@code ..}, hidden files, odd characters) is
 * simply not found.
 */
final class UiResource implements AdminResource {
    static final String PATH = "/ui/";
    static final String FOLDER = "io/altokit/server/ui/";
    private static final ResourceDescriptor DESCRIPTOR = ResourceDescriptor.get(AdminResources.UI, PATH, "text/html",
            Directory.Capabilities.NONE, List.of());
    /** Segments of letters, digits, '-', '_' and inner dots, separated by single slashes. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "json", "application/json", "ico", "image/x-icon");

    /** Files found so far; only files that exist are kept, so the map is bounded by the folder. */
    private final Map<String, Reply> files = new ConcurrentHashMap<>();

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Reply handle(AltoRequest request, Query<?> query) {
        String name = request.path().substring(PATH.length());
        String file = name.isEmpty() ? "index.html" : name;
        Reply kept = files.get(file);
        if (kept != null) {
            return kept;
        }
        Optional<Reply> found = FILE.matcher(file).matches() && !file.contains("..") ? read(file) : Optional.empty();
        found.ifPresent(reply -> files.put(file, reply));
        return found.orElseGet(() -> Reply.plain(404, "no dashboard file at " + request.path(), Map.of()));
    }

    private static Optional<Reply> read(String file) {
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = UiResource.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            // Tagged by content, so a browser revalidates with If-None-Match and gets 304.
            return Optional.of(Reply.ok(type, Representation.tagged(bytes, HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16))));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + FOLDER + file + " from the jar", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
